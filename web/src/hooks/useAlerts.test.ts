import { describe, expect, it } from 'vitest';
import { alert } from '../pages/alerts/testFixtures';
import { alertListPath, byUrgency, inCluster, NO_ALERT_FILTERS } from './useAlerts';

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('byUrgency', () => {
  it('puts the most severe first, then the oldest', () => {
    const list = [
      alert({ id: 'warn-old', severity: 'warning', firedAt: at(60) }),
      alert({ id: 'crit-new', severity: 'critical', firedAt: at(1) }),
      alert({ id: 'crit-old', severity: 'critical', firedAt: at(30) }),
      alert({ id: 'info', severity: 'info', firedAt: at(90) }),
    ];
    expect(list.sort(byUrgency).map((a) => a.id)).toEqual([
      'crit-old',
      'crit-new',
      'warn-old',
      'info',
    ]);
  });

  it('lists resolved alerts newest first', () => {
    const list = [
      alert({ id: 'long-ago', state: 'resolved', resolvedAt: at(300) }),
      alert({ id: 'just-now', state: 'resolved', resolvedAt: at(1) }),
    ];
    expect(list.sort(byUrgency).map((a) => a.id)).toEqual(['just-now', 'long-ago']);
  });
});

describe('alert list helpers', () => {
  it('keeps alerts of the picked cluster and those tied to none', () => {
    expect(inCluster(alert(), 'local')).toBe(true);
    expect(inCluster(alert(), 'prod-eu')).toBe(false);
    expect(inCluster(alert({ labels: { service: 'shipping' } }), 'prod-eu')).toBe(true);
    expect(inCluster(alert(), null)).toBe(true);
  });

  it('sends only the filters that are set', () => {
    expect(alertListPath(NO_ALERT_FILTERS)).toBe('/api/alerts');
    expect(
      alertListPath({
        state: ['firing', 'pending'],
        severity: ['critical'],
        labels: ' cluster=local ',
        silenced: 'false',
      }),
    ).toBe(
      '/api/alerts?state=firing%2Cpending&severity=critical&labels=cluster%3Dlocal&silenced=false',
    );
  });
});
