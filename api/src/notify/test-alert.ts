import type { GroupAlert } from './grouping';

/** The alert a "send test" notification carries: clearly a test, linking to the alerts page. */
export function testAlert(at: Date): GroupAlert {
  return {
    fingerprint: 'eventscope-test',
    status: 'firing',
    severity: 'info',
    labels: { alertname: 'EventscopeTest', severity: 'info' },
    annotations: {
      summary: 'Test notification from Eventscope',
      description: 'Sent with "Send test"; if you can read this, the notifier works.',
    },
    startsAt: at.toISOString(),
    endsAt: null,
    path: '/alerts',
    silenced: false,
    inhibited: false,
    acknowledged: false,
  };
}
