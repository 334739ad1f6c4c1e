import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { makeGroup, makeSnapshot } from '../testing/snapshots';
import { writeSpans } from '../traces/span-writer';
import { createRule, deleteRule, listRules } from './rules';
import { admin, harness, rule } from './test-helpers';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const pglite = engines[0];
if (!pglite) throw new Error('no PGlite target');
const store = storePerTest(() => pglite.target());
const { at, setup } = harness(store);

function withDlq(snapshot: ClusterSnapshot, depth: number | null, p95 = 250): ClusterSnapshot {
  return {
    ...snapshot,
    dlqs: snapshot.dlqs.map((d) => ({ ...d, depth })),
    topics: snapshot.topics.map((t) =>
      t.size ? { ...t, size: { ...t.size, p95, max: p95 * 2 } } : t,
    ),
  };
}

describe('metrics', () => {
  it('lagGrowth: messages per second over the window, from the recent samples', async () => {
    const { deps, evaluate, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({ metric: 'lagGrowth', threshold: 5, windowSeconds: 60, forSeconds: 0 }),
    );
    const messages = (s: number, lag: number) =>
      evaluate(s, makeSnapshot(at(s).toISOString(), [makeGroup('payments', lag, 1)]));
    await messages(0, 100);
    expect(await alerts()).toEqual([]); // one point is no history, not "no growth"
    await messages(10, 120); // 2 msg/s
    expect(await alerts()).toEqual([]);
    await messages(20, 300); // (300 - 100) / 20 s = 10 msg/s
    expect((await alerts())[0]).toMatchObject({ state: 'firing', value: 10 });
    await messages(100, 300); // the window now starts after the rise: flat
    expect((await alerts())[0]?.state).toBe('resolved');
  });

  it('groupStatus: the statuses the rule names count, UNKNOWN is no data', async () => {
    const { deps, evaluate, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({
        metric: 'groupStatus',
        statuses: ['STOP', 'STALL'],
        op: '==',
        threshold: 1,
        forSeconds: 5,
      }),
    );
    const status = (s: number, code: 'OK' | 'STOP' | 'UNKNOWN') =>
      evaluate(s, makeSnapshot(at(s).toISOString(), [makeGroup('payments', 10, 1, code)]));
    await status(0, 'STOP');
    expect((await alerts())[0]?.state).toBe('pending');
    await status(5, 'STOP'); // the second sample: "STOP for 2 samples"
    expect((await alerts())[0]).toMatchObject({ state: 'firing', value: 1 });
    await status(10, 'UNKNOWN');
    expect((await alerts())[0]).toMatchObject({ state: 'firing', health: 'nodata' });
    await status(15, 'OK');
    expect((await alerts())[0]).toMatchObject({ state: 'resolved', value: 0 });
  });

  it('a topic matcher evaluates lag per (group, topic)', async () => {
    const { deps, evaluate, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({ metric: 'lagMessages', matchers: { topic: 'orders' }, threshold: 5, forSeconds: 0 }),
    );
    await evaluate(0, makeSnapshot(at(0).toISOString(), [makeGroup('payments', 50, 1)]));
    expect((await alerts())[0]).toMatchObject({
      labels: expect.objectContaining({ cluster: 'c1', group: 'payments', topic: 'orders' }),
      value: 50,
    });
  });

  it('DLQ depth and event size carry their labels and deep links', async () => {
    const { deps, evaluate, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'dlqDepth', threshold: 100, forSeconds: 0 }));
    await createRule(
      deps,
      admin,
      rule({ metric: 'eventSizeP95', threshold: 1_048_576, forSeconds: 0 }),
    );
    const base = makeSnapshot(at(0).toISOString(), []);
    await evaluate(0, withDlq(base, 150, 2_000_000));
    const all = await alerts();
    expect(all.find((a) => a.ruleName === 'rule-dlqDepth')).toMatchObject({
      value: 150,
      url: '/dlqs/c1/orders.DLQ?range=15m',
      labels: expect.objectContaining({ cluster: 'c1', dlq: 'orders.DLQ', topic: 'orders' }),
    });
    expect(all.find((a) => a.ruleName === 'rule-eventSizeP95')).toMatchObject({
      value: 2_000_000,
      url: '/topics/c1/orders?range=15m',
      labels: expect.objectContaining({ cluster: 'c1', topic: 'orders' }),
    });
    // Unknown depth is NoData: the alert stays.
    await evaluate(5, withDlq({ ...base, at: at(5).toISOString() }, null, 2_000_000));
    expect((await alerts()).find((a) => a.ruleName === 'rule-dlqDepth')).toMatchObject({
      state: 'firing',
      health: 'nodata',
    });
  });

  it('collectorStale fires from the timer; stale clusters put their data alerts on NoData', async () => {
    const { deps, engine, lag, alerts } = setup();
    await createRule(deps, admin, rule({ metric: 'lagSeconds', forSeconds: 0 }));
    await createRule(
      deps,
      admin,
      rule({ name: 'Stale', metric: 'collectorStale', threshold: 12, forSeconds: 0 }),
    );
    await lag(0, 50);
    await engine.tick(at(10));
    expect((await alerts()).map((a) => a.ruleName)).toEqual(['rule-lagSeconds']);
    await engine.tick(at(20));
    const stale = await alerts();
    expect(stale.find((a) => a.ruleName === 'Stale')).toMatchObject({
      state: 'firing',
      value: 20,
      url: '/?cluster=c1&range=15m',
    });
    // 20 s > 3 sample intervals: the lag is no longer known.
    expect(stale.find((a) => a.ruleName === 'rule-lagSeconds')).toMatchObject({
      state: 'firing',
      health: 'nodata',
      value: null,
      inhibited: true,
    });
    await lag(25, 50);
    const fresh = await alerts();
    expect(fresh.find((a) => a.ruleName === 'Stale')?.state).toBe('resolved');
    expect(fresh.find((a) => a.ruleName === 'rule-lagSeconds')).toMatchObject({
      health: 'ok',
      inhibited: false,
    });
  });

  it('span latency per service, and per operation when the rule names one', async () => {
    const { deps, engine, alerts } = setup();
    await createRule(
      deps,
      admin,
      rule({ name: 'Slow service', metric: 'spanLatencyAvg', threshold: 200, forSeconds: 0 }),
    );
    await createRule(
      deps,
      admin,
      rule({
        name: 'Slow enrich',
        metric: 'spanLatencyP95',
        matchers: { operation: '=~enrich.*' },
        threshold: 400,
        forSeconds: 0,
      }),
    );
    type Timed = [service: string, name: string, ms: number];
    const spans = [
      ...Array.from({ length: 20 }, (_, i): Timed => ['enricher', 'enrich order', 300 + i * 10]),
      ...Array.from({ length: 20 }, (): Timed => ['enricher', 'load', 100]),
      ...Array.from({ length: 20 }, (): Timed => ['shipping', 'ship', 50]),
    ];
    const startedAt = at(-30);
    await writeSpans(
      store().db,
      spans.map(([service, name, durationMs], i) => ({
        traceId: (i + 1).toString(16).padStart(32, '0'),
        spanId: (i + 1).toString(16).padStart(16, '0'),
        parentSpanId: null,
        links: [],
        service,
        name,
        kind: 'internal',
        startedAt: startedAt.toISOString(),
        startTimeUnixNano: `${startedAt.getTime()}000000`,
        durationMs,
        status: { code: 'ok' },
        attributes: {},
        source: 'otlp',
        correlationIds: [],
        messaging: {},
      })),
    );
    await engine.tick(at(0));
    const all = await alerts();
    expect(all.filter((a) => a.ruleName === 'Slow service')).toEqual([
      expect.objectContaining({
        labels: expect.objectContaining({ service: 'enricher' }),
        value: (20 * 100 + 20 * 395) / 40,
        url: '/traces?service=enricher&range=15m',
      }),
    ]);
    expect(all.filter((a) => a.ruleName === 'Slow enrich')).toEqual([
      expect.objectContaining({
        labels: expect.objectContaining({ service: 'enricher', operation: 'enrich order' }),
      }),
    ]);
  });
});

describe('default rules', () => {
  it('are seeded once, editable like any rule, and a deleted one stays deleted', async () => {
    const first = setup({ seedDefaults: true });
    await first.engine.start();
    const seeded = await listRules(first.deps, admin);
    expect(seeded.map((r) => [r.name, r.metric, r.op, r.threshold, r.forSeconds])).toEqual([
      ['Cluster unreachable', 'clusterUnreachable', '==', 1, 5],
      ['Consumer group stopped', 'groupStatus', '==', 1, 5],
      ['Consumer lag', 'lagSeconds', '>', 60, 60],
      ['DLQ depth', 'dlqDepth', '>', 100, 0],
      ['Event size p95', 'eventSizeP95', '>', 1_048_576, 0],
      ['Span latency', 'spanLatencyAvg', '>', 200, 300],
    ]);
    expect(seeded.every((r) => r.seeded && r.enabled)).toBe(true);
    const dlq = seeded.find((r) => r.metric === 'dlqDepth');
    if (!dlq) throw new Error('no DLQ default');
    await deleteRule(first.deps, admin, dlq.id);
    await first.engine.stop();

    const second = setup({ seedDefaults: true });
    await second.engine.start();
    const after = await listRules(second.deps, admin);
    expect(after.map((r) => r.name)).not.toContain('DLQ depth');
    expect(after).toHaveLength(5);

    // The defaults work: a group 90 s behind for 60 s fires "Consumer lag" with its summary.
    await second.lag(0, 90);
    await second.lag(60, 95);
    const [lag] = await second.alerts();
    expect(lag).toMatchObject({
      ruleName: 'Consumer lag',
      state: 'firing',
      annotations: expect.objectContaining({ summary: 'payments on c1 is 95 s behind' }),
    });
    await second.engine.stop();
  });
});
