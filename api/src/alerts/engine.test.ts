import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { makeGroup, makeSnapshot } from '../testing/snapshots';
import { createRule, deleteRule, getRule, updateRule } from './rules';
import { admin, harness, rule } from './test-helpers';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const pglite = engines[0];
if (!pglite) throw new Error('no PGlite target');
const store = storePerTest(() => pglite.target());

const { at, setup, unreachable } = harness(store);

describe('alert engine: states', () => {
  it('pending → firing after `for` → resolved, stored and handed to notifications', async () => {
    const { center, deps, lag, alerts, published } = setup();
    await createRule(
      deps,
      admin,
      rule({
        name: 'Payments lag',
        metric: 'lagSeconds',
        matchers: { group: 'payments' },
        threshold: 10,
        forSeconds: 10,
        annotations: { summary: '{{labels.group}} is {{value}} s behind ({{threshold}})' },
      }),
    );
    await lag(0, 5);
    expect(await alerts()).toEqual([]);

    await lag(5, 20);
    const [pending] = await alerts();
    expect(pending).toMatchObject({
      state: 'pending',
      value: 20,
      threshold: 10,
      health: 'ok',
      activeAt: at(5).toISOString(),
      firedAt: null,
      url: '/groups/c1/payments?range=15m',
      labels: { cluster: 'c1', group: 'payments', alertname: 'Payments lag', severity: 'critical' },
      annotations: { summary: 'payments is 20 s behind (10)' },
    });
    expect(center.seen('firing')).toEqual([]);

    await lag(10, 25);
    expect((await alerts())[0]?.state).toBe('pending');
    await lag(15, 30.25);
    const [firing] = await alerts();
    expect(firing).toMatchObject({
      state: 'firing',
      value: 30.25,
      firedAt: at(15).toISOString(),
      annotations: { summary: 'payments is 30.25 s behind (10)' },
    });
    const handed = center.seen('firing');
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({
      fingerprint: firing?.id,
      startsAt: at(15).toISOString(),
      endsAt: null,
      path: '/groups/c1/payments?range=15m',
      silenced: false,
      inhibited: false,
      acknowledged: false,
    });

    await lag(20, 1);
    const [resolved] = await alerts();
    expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: at(20).toISOString() });
    expect(center.seen('resolved')).toEqual([
      expect.objectContaining({ fingerprint: firing?.id, endsAt: at(20).toISOString() }),
    ]);
    // Each state change reached the SPA's stream.
    expect(published).toContainEqual({ type: 'alerts', keys: [['alerts'], ['alert-rules']] });

    // Resolved is written once; later evaluations hand over nothing for it.
    const calls = center.calls.length;
    await lag(25, 1);
    expect(center.calls.length).toBe(calls);
  });

  it('a series below the threshold or not matched never becomes an alert', async () => {
    const { deps, evaluate, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({ metric: 'lagSeconds', matchers: { group: '=~pay.*' }, forSeconds: 0 }),
    );
    await evaluate(
      0,
      makeSnapshot(at(0).toISOString(), [
        makeGroup('payments', 10, 50),
        makeGroup('orders', 10, 50),
        makeGroup('payouts', 10, 5),
      ]),
    );
    expect((await alerts()).map((a) => a.labels.group)).toEqual(['payments']);
  });

  it('a pending alert whose condition turns false is gone (inactive), not resolved', async () => {
    const { center, deps, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 30 }));
    await lag(0, 50);
    expect((await alerts())[0]?.state).toBe('pending');
    await lag(5, 1);
    expect(await alerts()).toEqual([]);
    expect(center.seen('resolved')).toEqual([]);
  });

  it('NoData: an unreachable cluster keeps the alert firing, value null, health nodata', async () => {
    const { center, deps, evaluate, lag, alerts } = setup();
    const created = await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    await lag(0, 50);
    const before = makeSnapshot(at(0).toISOString(), [makeGroup('payments', 100, 50)]);
    await evaluate(5, unreachable(5, before));
    await evaluate(10, unreachable(10, before));
    const [alert] = await alerts();
    expect(alert).toMatchObject({ state: 'firing', value: null, health: 'nodata' });
    expect(center.seen('resolved')).toEqual([]);
    const health = await getRule(deps, admin, created.id);
    expect(health).toMatchObject({ health: 'nodata' });
    expect(health.lastError).toContain('unreachable');

    // A null lag from a reachable cluster (no committed offsets) is NoData too, not 0.
    await lag(15, null);
    expect((await alerts())[0]).toMatchObject({ state: 'firing', health: 'nodata' });

    await lag(20, 2);
    expect((await alerts())[0]).toMatchObject({ state: 'resolved', health: 'ok', value: 2 });
    expect((await getRule(deps, admin, created.id)).health).toBe('ok');
  });

  it('a series missing from a reachable cluster is NoData, and resolves once gone for long', async () => {
    const { deps, lag, alerts } = setup({ missingResolveMs: 60_000 });
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    await lag(0, 50);
    await lag(5, 50, 'other-group');
    expect((await alerts()).find((a) => a.labels.group === 'payments')).toMatchObject({
      state: 'firing',
      health: 'nodata',
    });
    await lag(70, 1, 'other-group');
    expect((await alerts()).find((a) => a.labels.group === 'payments')?.state).toBe('resolved');
  });

  it('keep_firing_for holds a firing alert through a short dip', async () => {
    const { deps, lag, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({ metric: 'lagSeconds', forSeconds: 0, keepFiringForSeconds: 20 }),
    );
    await lag(0, 50);
    await lag(5, 1);
    await lag(15, 1);
    expect((await alerts())[0]?.state).toBe('firing');
    await lag(25, 1);
    expect((await alerts())[0]?.state).toBe('resolved');
  });

  it('state and notifications commit together: a failing outbox write stores nothing', async () => {
    const { center, deps, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    center.failWith = new Error('outbox unavailable');
    await lag(0, 50);
    expect(await alerts()).toEqual([]);
    delete center.failWith;
    await lag(5, 50);
    const [alert] = await alerts();
    // The alert keeps the time it first fired, and is handed over now.
    expect(alert).toMatchObject({ state: 'firing', firedAt: at(0).toISOString() });
    expect(center.seen('firing')).toHaveLength(1);
  });
});

describe('alert engine: restarts and rule changes', () => {
  it('an alert firing before a restart is still firing after, with its original start', async () => {
    const first = setup();
    await createRule(first.deps, admin, rule({ metric: 'lagSeconds', forSeconds: 5 }));
    await first.lag(0, 50);
    await first.lag(5, 50);
    const [before] = await first.alerts();
    expect(before?.state).toBe('firing');
    await first.engine.stop();

    const second = setup();
    await second.engine.start();
    expect(second.engine.instances()).toEqual([
      expect.objectContaining({ fingerprint: before?.id, state: 'firing' }),
    ]);
    await second.lag(10, 60);
    await second.engine.stop();
    const [after] = await second.alerts();
    expect(after).toMatchObject({ id: before?.id, state: 'firing', firedAt: before?.firedAt });
    // Handed over as the same alert (same fingerprint and start), so nothing new is sent.
    const handed = second.center.seen('firing');
    expect(handed.length).toBeGreaterThan(0);
    for (const alert of handed)
      expect(alert).toMatchObject({ fingerprint: before?.id, startsAt: before?.firedAt });
  });

  it('deleting a rule resolves its firing alerts (and says so to notifications)', async () => {
    const { center, deps, lag, alerts } = setup();
    const created = await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    await lag(0, 50);
    await deleteRule(deps, admin, created.id);
    expect((await alerts())[0]?.state).toBe('resolved');
    expect(center.seen('resolved')).toHaveLength(1);
  });

  it('an edit that keeps the labels keeps the alert; one that changes them starts over', async () => {
    const { center, deps, lag, alerts } = setup();
    const input = rule({ metric: 'lagSeconds', forSeconds: 0 });
    const created = await createRule(deps, admin, input);
    await lag(0, 50);
    const [original] = await alerts();

    await updateRule(deps, admin, created.id, { ...input, threshold: 20 });
    await lag(5, 50);
    expect(await alerts()).toEqual([
      expect.objectContaining({ id: original?.id, state: 'firing', threshold: 20 }),
    ]);
    expect(center.seen('resolved')).toEqual([]);

    await updateRule(deps, admin, created.id, { ...input, severity: 'warning' });
    await lag(10, 50);
    const after = await alerts();
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.id === original?.id)?.state).toBe('resolved');
    expect(after.find((a) => a.id !== original?.id)).toMatchObject({
      state: 'firing',
      severity: 'warning',
    });
  });

  it('an edit whose matchers no longer select the series resolves its alert', async () => {
    const { center, deps, lag, alerts } = setup();
    const input = rule({ metric: 'lagSeconds', forSeconds: 0 });
    const created = await createRule(deps, admin, input);
    await lag(0, 50);
    await updateRule(deps, admin, created.id, { ...input, matchers: { cluster: 'elsewhere' } });
    expect((await alerts()).map((a) => a.state)).toEqual(['resolved']);
    expect(center.seen('resolved')).toHaveLength(1);
  });

  it('a disabled rule resolves its alerts and evaluates nothing', async () => {
    const { deps, lag, alerts } = setup();
    const input = rule({ metric: 'lagSeconds', forSeconds: 0 });
    const created = await createRule(deps, admin, input);
    await lag(0, 50);
    await updateRule(deps, admin, created.id, { ...input, enabled: false });
    await lag(5, 50);
    expect((await alerts()).map((a) => a.state)).toEqual(['resolved']);
  });
});
