import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { makeGroup, makeSnapshot } from '../testing/snapshots';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const range = (from: string, to: string, stepSeconds: number) => ({
  from: new Date(from),
  to: new Date(to),
  stepSeconds,
});

describe.each(engines)('lag history on $engine', ({ target }) => {
  const store = storePerTest(target);

  it('stores snapshots and answers history in steps, with unknown lag as null', async () => {
    await store().samples.insertSnapshot(
      makeSnapshot('2026-11-25T12:00:00Z', [makeGroup('payments', 600, 90, 'STALL')]),
    );
    await store().samples.insertSnapshot(
      makeSnapshot('2026-11-25T12:00:05Z', [makeGroup('payments', 650, 95, 'STALL')]),
    );
    await store().samples.insertSnapshot(
      makeSnapshot('2026-11-25T12:00:10Z', [makeGroup('payments', null, null, 'UNKNOWN')]),
    );
    const rows = await store().samples.groupHistory(
      'c1',
      'payments',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:00:15Z', 5),
      'raw',
    );
    expect(
      rows.map((r) => [
        new Date(r.bucket).toISOString(),
        r.lag_messages === null ? null : Number(r.lag_messages),
        r.lag_seconds,
        r.status,
      ]),
    ).toEqual([
      ['2026-11-25T12:00:00.000Z', 600, 90, 'STALL'],
      ['2026-11-25T12:00:05.000Z', 650, 95, 'STALL'],
      ['2026-11-25T12:00:10.000Z', null, null, 'UNKNOWN'],
    ]);
    const coarse = await store().samples.groupHistory(
      'c1',
      'payments',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:01:00Z', 60),
      'raw',
    );
    expect(coarse).toHaveLength(1);
    expect(Number(coarse[0]?.lag_messages)).toBe(650);
    expect(coarse[0]?.status).toBe('STALL');
  });

  it('rolls minutes up idempotently, keeping the worst status, and prunes by retention', async () => {
    for (const [at, lag, status] of [
      ['2026-11-25T12:00:05Z', 10, 'OK'],
      ['2026-11-25T12:00:35Z', 50, 'WARN'],
      ['2026-11-25T12:01:05Z', 5, 'OK'],
    ] as const) {
      await store().samples.insertSnapshot(
        makeSnapshot(at, [makeGroup('shipping', lag, lag / 10, status)]),
      );
    }
    await store().samples.rollUp(
      new Date('2026-11-25T12:00:00Z'),
      new Date('2026-11-25T12:02:00Z'),
    );
    await store().samples.rollUp(
      new Date('2026-11-25T12:00:00Z'),
      new Date('2026-11-25T12:02:00Z'),
    );
    const rolled = await store().samples.groupHistory(
      'c1',
      'shipping',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:02:00Z', 60),
      'rollup',
    );
    expect(rolled.map((r) => [Number(r.lag_messages), r.status])).toEqual([
      [50, 'WARN'],
      [5, 'OK'],
    ]);
    const topics = await store().samples.topicHistory(
      'c1',
      'orders',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:02:00Z', 60),
      'rollup',
    );
    expect(topics[0]).toMatchObject({ size_p95: 250, size_max: 1024 });

    await store().samples.prune(new Date('2026-11-25T12:01:00Z'), new Date('2026-11-25T12:01:00Z'));
    const raw = await store().samples.groupHistory(
      'c1',
      'shipping',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:02:00Z', 5),
      'raw',
    );
    expect(raw.map((r) => Number(r.lag_messages))).toEqual([5]);
    const kept = await store().samples.groupHistory(
      'c1',
      'shipping',
      range('2026-11-25T12:00:00Z', '2026-11-25T12:02:00Z', 60),
      'rollup',
    );
    expect(kept).toHaveLength(1);
  });
});
