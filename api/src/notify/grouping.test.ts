import { describe, expect, it } from 'vitest';
import {
  decideFlush,
  groupKeyOf,
  groupLabelsOf,
  mergeAlerts,
  type GroupAlert,
  type GroupState,
} from './grouping';
import type { NotifiableAlert } from './types';

function alert(fingerprint: string, patch: Partial<NotifiableAlert> = {}): NotifiableAlert {
  return {
    fingerprint,
    status: 'firing',
    severity: 'critical',
    labels: { alertname: 'LagHigh', cluster: 'local', group: fingerprint },
    annotations: { summary: `lag of ${fingerprint}` },
    startsAt: '2026-11-25T10:00:00.000Z',
    endsAt: null,
    path: `/groups/local/${fingerprint}`,
    silenced: false,
    inhibited: false,
    acknowledged: false,
    ...patch,
  };
}

const resolved = (fp: string, patch: Partial<NotifiableAlert> = {}) =>
  alert(fp, { status: 'resolved', endsAt: '2026-11-25T10:05:00.000Z', ...patch });

/** A group holding `alerts` (resolved ones were seen firing first, as in real life). */
function state(
  alerts: NotifiableAlert[],
  log: Partial<Omit<GroupState, 'alerts'>> = {},
): GroupState {
  const asFiring = alerts.map((a) => ({ ...a, status: 'firing' as const, endsAt: null }));
  return {
    alerts: mergeAlerts(mergeAlerts({}, asFiring).alerts, alerts).alerts,
    lastNotifiedAt: null,
    lastFiring: [],
    lastResolved: [],
    ...log,
  };
}

const timing = { repeatIntervalMs: 4 * 3_600_000, sendResolved: true };
const t0 = Date.parse('2026-11-25T10:00:05Z');
const fps = (alerts: readonly GroupAlert[] | undefined) => (alerts ?? []).map((a) => a.fingerprint);

describe('group labels and keys', () => {
  it('keys a group by the groupBy labels the alert has, sorted, like Alertmanager', () => {
    const labels = groupLabelsOf(['cluster', 'alertname', 'missing'], {
      alertname: 'LagHigh',
      cluster: 'local',
      group: 'payments',
    });
    expect(labels).toEqual({ alertname: 'LagHigh', cluster: 'local' });
    expect(groupKeyOf(labels)).toBe('{}:{alertname="LagHigh", cluster="local"}');
    expect(groupKeyOf({})).toBe('{}:{}');
  });
});

describe('mergeAlerts', () => {
  it('adds firing alerts, updates known ones and ignores a resolve the group never saw', () => {
    const first = mergeAlerts({}, [alert('a'), resolved('b')]);
    expect(Object.keys(first.alerts)).toEqual(['a']);
    expect(first.changed).toBe(true);
    expect(mergeAlerts(first.alerts, [alert('a')]).changed).toBe(false);
    const next = mergeAlerts(first.alerts, [resolved('a')]);
    expect(next.changed).toBe(true);
    expect(next.alerts.a?.status).toBe('resolved');
  });

  it('keeps alerts this evaluation did not mention', () => {
    const first = mergeAlerts({}, [alert('a'), alert('b')]);
    expect(Object.keys(mergeAlerts(first.alerts, [alert('c')]).alerts).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('decideFlush (Alertmanager dedup semantics)', () => {
  it('the first flush of a firing group notifies with its firing alerts', () => {
    const d = decideFlush(state([alert('a'), alert('b')]), timing, t0);
    expect(fps(d.notify?.firing)).toEqual(['a', 'b']);
    expect(d.next.lastFiring).toEqual(['a', 'b']);
    expect(d.next.lastNotifiedAt).toBe(t0);
    expect(d.empty).toBe(false);
  });

  it('a group that fired and resolved within group_wait sends nothing and empties', () => {
    const s = state([resolved('a')]);
    const d = decideFlush(s, timing, t0);
    expect(d.notify).toBeNull();
    expect(d.empty).toBe(true);
  });

  it('an unchanged group repeats only after repeat_interval', () => {
    const s = state([alert('a')], { lastNotifiedAt: t0, lastFiring: ['a'] });
    expect(decideFlush(s, timing, t0 + 60_000).notify).toBeNull();
    expect(decideFlush(s, timing, t0 + timing.repeatIntervalMs - 1).notify).toBeNull();
    const repeat = decideFlush(s, timing, t0 + timing.repeatIntervalMs);
    expect(fps(repeat.notify?.firing)).toEqual(['a']);
    expect(repeat.next.lastNotifiedAt).toBe(t0 + timing.repeatIntervalMs);
  });

  it('acknowledged alerts do not repeat; an unacknowledged one in the group does', () => {
    const acked = state([alert('a', { acknowledged: true })], {
      lastNotifiedAt: t0,
      lastFiring: ['a'],
    });
    expect(decideFlush(acked, timing, t0 + timing.repeatIntervalMs).notify).toBeNull();
    const mixed = state([alert('a', { acknowledged: true }), alert('b')], {
      lastNotifiedAt: t0,
      lastFiring: ['a', 'b'],
    });
    expect(fps(decideFlush(mixed, timing, t0 + timing.repeatIntervalMs).notify?.firing)).toEqual([
      'a',
      'b',
    ]);
  });

  it('a late joiner makes the next flush notify, with the whole group', () => {
    const s = state([alert('a'), alert('b', { startsAt: '2026-11-25T10:00:30.000Z' })], {
      lastNotifiedAt: t0,
      lastFiring: ['a'],
    });
    expect(fps(decideFlush(s, timing, t0 + 60_000).notify?.firing)).toEqual(['a', 'b']);
  });

  it('resolved alerts are sent once with send_resolved, then dropped from the group', () => {
    const s = state([alert('a'), resolved('b')], { lastNotifiedAt: t0, lastFiring: ['a', 'b'] });
    const d = decideFlush(s, timing, t0 + 60_000);
    expect(fps(d.notify?.firing)).toEqual(['a']);
    expect(fps(d.notify?.resolved)).toEqual(['b']);
    expect(Object.keys(d.next.alerts)).toEqual(['a']);
    expect(decideFlush(d.next, timing, t0 + 120_000).notify).toBeNull();
  });

  it('without send_resolved a partial resolve is silent', () => {
    const s = state([alert('a'), resolved('b')], { lastNotifiedAt: t0, lastFiring: ['a', 'b'] });
    expect(decideFlush(s, { ...timing, sendResolved: false }, t0 + 60_000).notify).toBeNull();
  });

  it('everything resolved after a firing notification → one resolved notification', () => {
    const s = state([resolved('a')], { lastNotifiedAt: t0, lastFiring: ['a'] });
    const d = decideFlush(s, timing, t0 + 60_000);
    expect(d.notify?.firing).toEqual([]);
    expect(fps(d.notify?.resolved)).toEqual(['a']);
    expect(d.empty).toBe(true);
    const quiet = decideFlush(s, { ...timing, sendResolved: false }, t0 + 60_000);
    expect(quiet.notify).toBeNull();
    expect(quiet.empty).toBe(true);
  });

  it('silenced and inhibited alerts stay in the group but are never notified', () => {
    const muted = state([alert('a', { silenced: true }), alert('b', { inhibited: true })]);
    const d = decideFlush(muted, timing, t0);
    expect(d.notify).toBeNull();
    expect(Object.keys(d.next.alerts).sort()).toEqual(['a', 'b']);
    const partly = state([alert('a', { silenced: true }), alert('c')]);
    expect(fps(decideFlush(partly, timing, t0).notify?.firing)).toEqual(['c']);
  });

  it('a silence that ends makes the alert notify at the next flush', () => {
    const s = state([alert('a'), alert('b')], { lastNotifiedAt: t0, lastFiring: ['a'] });
    expect(fps(decideFlush(s, timing, t0 + 60_000).notify?.firing)).toEqual(['a', 'b']);
  });
});

describe('change detection', () => {
  it('sees no change when the stored copy has its keys in another order (jsonb)', () => {
    const first = mergeAlerts({}, [alert('a')]).alerts;
    const reordered = JSON.parse(
      JSON.stringify(first, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    ) as Record<string, GroupAlert>;
    expect(mergeAlerts(reordered, [alert('a')]).changed).toBe(false);
    expect(mergeAlerts(reordered, [alert('a', { annotations: { summary: 'new' } })]).changed).toBe(
      true,
    );
    expect(mergeAlerts(reordered, [alert('a', { acknowledged: true })]).changed).toBe(true);
  });
});
