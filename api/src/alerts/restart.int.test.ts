import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../domain/events';
import { openStore, type Store } from '../store';
import { engines, prepareTemplates, removeTemplates, type Target } from '../testing/engines';
import { makeGroup, makeSnapshot } from '../testing/snapshots';
import { listAlerts } from './alerts';
import { createAlertEngine } from './engine';
import { createRule } from './rules';
import { admin, recordingCenter, rule } from './test-helpers';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

/** Alert state lives in the store: a restarted api (new process, same database) carries on. */
describe.each(engines)('alert state across restarts on $engine', ({ target }) => {
  let where: Target;
  beforeAll(async () => {
    where = await target();
  });
  afterAll(() => where.cleanup());

  async function boot(store: Store) {
    const center = recordingCenter();
    const engine = createAlertEngine({
      db: store.db,
      notifications: center,
      events: createEventBus(),
      logger: pino({ level: 'silent' }),
      sampleIntervalMs: 5000,
    });
    await engine.start();
    return { center, engine, deps: { db: store.db, engine } };
  }

  it('a firing alert is still firing after a restart, as the same alert', async () => {
    const t0 = Date.now();
    const snapshot = (s: number) =>
      makeSnapshot(new Date(t0 + s * 1000).toISOString(), [makeGroup('payments', 500, 90)]);

    const store1 = await openStore(where.options);
    const first = await boot(store1);
    await createRule(first.deps, admin, rule({ name: 'Lag', metric: 'lagSeconds', forSeconds: 5 }));
    await first.engine.evaluate(snapshot(0), new Date(t0));
    await first.engine.evaluate(snapshot(5), new Date(t0 + 5000));
    const [before] = await listAlerts(first.deps, admin, { resolvedWithinSeconds: 60 });
    expect(before).toMatchObject({ ruleName: 'Lag', state: 'firing' });
    await first.engine.stop();
    await store1.close();

    const store2 = await openStore(where.options);
    try {
      const second = await boot(store2);
      // The seeded defaults were not created twice.
      const { rows } = await store2.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM alert_rules WHERE seeded',
      );
      expect(rows[0]?.n).toBe(6);
      await second.engine.evaluate(snapshot(10), new Date(t0 + 10_000));
      const [after] = await listAlerts(second.deps, admin, { resolvedWithinSeconds: 60 });
      expect(after).toMatchObject({
        id: before?.id,
        state: 'firing',
        activeAt: before?.activeAt,
        firedAt: before?.firedAt,
      });
      const handed = second.center.seen('firing').filter((a) => a.fingerprint === before?.id);
      expect(handed.length).toBeGreaterThan(0);
      for (const alert of handed) expect(alert.startsAt).toBe(before?.firedAt);
      await second.engine.stop();
    } finally {
      await store2.close();
    }
  });
});
