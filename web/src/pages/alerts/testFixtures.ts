import type { Alert, AlertRule, Delivery, Notifier, Silence } from '@eventscope/shared';

/** Payloads shaped like the api's alert contracts, for page tests. Override what matters. */
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a-lag-payments',
    ruleId: 'r-lag',
    ruleName: 'Consumer lag',
    state: 'firing',
    severity: 'critical',
    labels: {
      alertname: 'ConsumerLag',
      severity: 'critical',
      cluster: 'local',
      group: 'payments',
    },
    annotations: { summary: 'payments is 72 s behind' },
    value: 72,
    threshold: 60,
    health: 'ok',
    activeAt: ago(600),
    firedAt: ago(540),
    resolvedAt: null,
    lastEvaluatedAt: ago(5),
    silenced: false,
    silencedBy: [],
    inhibited: false,
    inhibitedBy: [],
    acknowledged: null,
    url: '/groups/local/payments',
    ...overrides,
  };
}

export function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: 'r-lag',
    name: 'Consumer lag',
    metric: 'lagSeconds',
    matchers: {},
    op: '>',
    threshold: 60,
    forSeconds: 60,
    keepFiringForSeconds: 0,
    severity: 'critical',
    labels: {},
    annotations: {},
    enabled: true,
    seeded: true,
    createdAt: ago(86_400),
    updatedAt: ago(86_400),
    health: 'ok',
    lastError: null,
    ...overrides,
  };
}

export function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 's-1',
    matchers: [{ label: 'group', op: '=', value: 'payments' }],
    startsAt: ago(600),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    createdBy: 'user:olga',
    comment: 'payments deploy',
    status: 'active',
    createdAt: ago(600),
    ...overrides,
  };
}

export function notifier(overrides: Partial<Notifier> = {}): Notifier {
  return {
    id: 'n-1',
    name: 'ops webhook',
    type: 'webhook',
    urlRedacted: 'https://hooks.example.com',
    hasSecret: true,
    hasRoutingKey: false,
    sendResolved: true,
    enabled: true,
    disabledReason: null,
    matchers: [],
    groupBy: ['alertname', 'cluster'],
    groupWaitSeconds: 5,
    groupIntervalSeconds: 60,
    repeatIntervalSeconds: 14_400,
    createdAt: ago(3600),
    updatedAt: ago(3600),
    ...overrides,
  };
}

export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 'd-1',
    notifierId: 'n-1',
    webhookId: 'msg_2bQx7',
    kind: 'firing',
    groupKey: '{}:{alertname="ConsumerLag"}',
    alerts: 1,
    status: 'pending',
    attempts: 2,
    lastStatusCode: 503,
    lastError: 'Service Unavailable',
    nextAttemptAt: new Date(Date.now() + 330_000).toISOString(),
    createdAt: ago(120),
    deliveredAt: null,
    ...overrides,
  };
}

/**
 * For the first wait on a page: pages are lazy chunks, and on a busy machine loading one can
 * take longer than testing-library's 1 s default. Later waits keep the default.
 */
export const PAGE_LOAD = { timeout: 10_000 };
