import { describe, expect, it } from 'vitest';
import { SpanSchema, TimelineSchema, type Span } from '@eventscope/shared';
import { buildTimeline } from './timeline';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const TRACE_A = 'a'.repeat(32);
const TRACE_B = 'b'.repeat(32);

let counter = 0;
const nextId = () => (++counter).toString(16).padStart(16, '0');

/** A hand-made span starting `at` ms after T0. */
function span(fields: Partial<Span> & { at: number; ms: number }): Span {
  const { at, ms, ...rest } = fields;
  const startNs = BigInt(T0 + at) * 1_000_000n;
  return SpanSchema.parse({
    traceId: TRACE_A,
    spanId: nextId(),
    parentSpanId: null,
    links: [],
    service: 'orders',
    name: 'work',
    kind: 'internal',
    startedAt: new Date(T0 + at).toISOString(),
    startTimeUnixNano: startNs.toString(),
    durationMs: ms,
    status: { code: 'unset' },
    attributes: {},
    source: 'otlp',
    correlationIds: [],
    messaging: {},
    ...rest,
  });
}

const link = (to: Span) => ({ traceId: to.traceId, spanId: to.spanId, attributes: {} });
const ids = (spans: readonly { spanId: string }[]) => spans.map((s) => s.spanId);

describe('buildTimeline', () => {
  it('orders spans causally, with depth, self time per service and a critical path', () => {
    const root = span({ at: 0, ms: 100, kind: 'server', service: 'gateway' });
    const a = span({ at: 10, ms: 20, parentSpanId: root.spanId, service: 'orders' });
    const b = span({ at: 40, ms: 50, parentSpanId: root.spanId, service: 'payments' });
    const bChild = span({ at: 45, ms: 30, parentSpanId: b.spanId, service: 'payments' });
    const timeline = buildTimeline([bChild, b, a, root]);
    TimelineSchema.parse(timeline);
    expect(ids(timeline.spans)).toEqual(ids([root, a, b, bChild]));
    expect(timeline.spans.map((s) => s.depth)).toEqual([0, 1, 1, 2]);
    expect(timeline.spans.map((s) => s.offsetMs)).toEqual([0, 10, 40, 45]);
    // gateway: 100 − 20 − 50; payments: (50 − 30) + 30; orders: 20.
    expect(timeline.selfTimeByService).toEqual({ gateway: 30, orders: 20, payments: 50 });
    // The root ends last; b blocked nothing before it but a ended before b began.
    expect(timeline.criticalPath).toEqual(ids([root, b, bChild]));
    expect(timeline.corrections).toEqual([]);
    expect(timeline.durationMs).toBe(100);
  });

  it('follows a batch consumer linked (not parented) to several producers', () => {
    const p1 = span({
      at: 0,
      ms: 2,
      kind: 'producer',
      traceId: TRACE_A,
      service: 'orders',
      messaging: { destination: 'orders' },
    });
    const p2 = span({
      at: 5,
      ms: 2,
      kind: 'producer',
      traceId: TRACE_B,
      service: 'orders',
      messaging: { destination: 'orders' },
    });
    const p3 = span({
      at: 9,
      ms: 3,
      kind: 'producer',
      traceId: 'c'.repeat(32),
      service: 'refunds',
      messaging: { destination: 'orders' },
    });
    const batch = span({
      at: 20,
      ms: 10,
      kind: 'consumer',
      traceId: 'd'.repeat(32),
      service: 'payments',
      links: [link(p1), link(p2), link(p3)],
      messaging: { destination: 'orders', operation: 'process', consumerGroup: 'payments' },
    });
    const handle = span({
      at: 22,
      ms: 6,
      traceId: batch.traceId,
      parentSpanId: batch.spanId,
      service: 'payments',
    });
    const timeline = buildTimeline([handle, batch, p3, p2, p1]);
    TimelineSchema.parse(timeline);
    expect(ids(timeline.spans)).toEqual(ids([p1, p2, p3, batch, handle]));
    expect(timeline.traceIds).toHaveLength(4);
    expect(timeline.queueWaits).toEqual([
      { from: p1.spanId, to: batch.spanId, waitMs: 18, topic: 'orders' },
      { from: p2.spanId, to: batch.spanId, waitMs: 13, topic: 'orders' },
      { from: p3.spanId, to: batch.spanId, waitMs: 8, topic: 'orders' },
    ]);
    // The batch waited for the last producer, then its handler ran to the end.
    expect(timeline.criticalPath).toEqual(ids([p3, batch, handle]));
    expect(timeline.spans.find((s) => s.spanId === batch.spanId)?.depth).toBe(1);
  });

  it('shifts a consumer that starts before its producer, with its subtree, and says so', () => {
    const producer = span({ at: 50, ms: 4, kind: 'producer', service: 'orders' });
    // The consumer host's clock is 30 ms behind: its spans appear before the produce.
    const consumer = span({
      at: 20,
      ms: 10,
      kind: 'consumer',
      service: 'payments',
      parentSpanId: producer.spanId,
    });
    const child = span({ at: 22, ms: 5, service: 'payments', parentSpanId: consumer.spanId });
    const unrelated = span({ at: 0, ms: 1, service: 'audit' });
    const timeline = buildTimeline([child, consumer, producer, unrelated]);
    expect(timeline.corrections).toEqual([
      {
        spanId: consumer.spanId,
        shiftedByMs: 30,
        reason: expect.stringMatching(/clock skew.*1 descendant/),
      },
    ]);
    const byId = new Map(timeline.spans.map((s) => [s.spanId, s]));
    expect(byId.get(consumer.spanId)).toMatchObject({
      offsetMs: 50,
      shiftedByMs: 30,
      startedAt: '2026-11-25T10:00:00.050Z',
    });
    expect(byId.get(child.spanId)).toMatchObject({ offsetMs: 52, shiftedByMs: 30 });
    expect(byId.get(producer.spanId)).toMatchObject({ offsetMs: 50, shiftedByMs: 0 });
    expect(byId.get(unrelated.spanId)).toMatchObject({ offsetMs: 0, shiftedByMs: 0 });
    // The record itself is kept.
    expect(byId.get(consumer.spanId)?.startTimeUnixNano).toBe(consumer.startTimeUnixNano);
    expect(timeline.queueWaits).toEqual([
      { from: producer.spanId, to: consumer.spanId, waitMs: 0, topic: null },
    ]);
  });

  it('leaves a consumer that starts after its producer alone, and never moves anything else', () => {
    const server = span({ at: 10, ms: 5, kind: 'server', service: 'payments' });
    const client = span({
      at: 12,
      ms: 1,
      kind: 'client',
      service: 'orders',
      parentSpanId: server.spanId,
    });
    const producer = span({ at: 0, ms: 1, kind: 'producer' });
    const consumer = span({ at: 3, ms: 1, kind: 'consumer', links: [link(producer)] });
    expect(buildTimeline([server, client, producer, consumer]).corrections).toEqual([]);
  });

  it('marks the DLQ detour and the replay', () => {
    const produce = span({
      at: 0,
      ms: 1,
      kind: 'producer',
      messaging: { destination: 'payments' },
    });
    const fail = span({
      at: 5,
      ms: 2,
      kind: 'consumer',
      status: { code: 'error', message: 'bad card' },
      parentSpanId: produce.spanId,
      messaging: { destination: 'payments' },
    });
    const toDlq = span({
      at: 8,
      ms: 1,
      kind: 'producer',
      parentSpanId: fail.spanId,
      messaging: { destination: 'payments.DLQ' },
    });
    const replay = span({
      at: 100,
      ms: 1,
      kind: 'producer',
      source: 'broker',
      links: [link(toDlq)],
      attributes: { 'messaging.header.x-eventscope-replay-id': 'r-1' },
      messaging: { destination: 'payments' },
    });
    const reconsume = span({
      at: 110,
      ms: 3,
      kind: 'consumer',
      parentSpanId: replay.spanId,
      messaging: { destination: 'payments' },
    });
    const timeline = buildTimeline([produce, fail, toDlq, replay, reconsume]);
    expect(timeline.segments).toEqual([
      {
        kind: 'dlq',
        label: 'payments.DLQ',
        spanIds: [toDlq.spanId],
        startedAt: '2026-11-25T10:00:00.008Z',
        endedAt: '2026-11-25T10:00:00.009Z',
      },
      {
        kind: 'replay',
        label: 'r-1',
        spanIds: ids([replay, reconsume]),
        startedAt: '2026-11-25T10:00:00.100Z',
        endedAt: '2026-11-25T10:00:00.113Z',
      },
    ]);
  });

  it('survives cycles and dangling references', () => {
    const a = span({ at: 0, ms: 5, spanId: '1'.repeat(16), parentSpanId: '2'.repeat(16) });
    const b = span({ at: 1, ms: 5, spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16) });
    const orphan = span({
      at: 2,
      ms: 1,
      parentSpanId: 'f'.repeat(16),
      links: [{ traceId: TRACE_B, spanId: '3'.repeat(16), attributes: {} }],
    });
    const timeline = buildTimeline([a, b, orphan]);
    expect(timeline.spans).toHaveLength(3);
    expect(new Set(timeline.criticalPath).size).toBe(timeline.criticalPath.length);
  });

  it('is empty for no spans', () => {
    expect(buildTimeline([])).toMatchObject({
      spans: [],
      startedAt: null,
      durationMs: 0,
      criticalPath: [],
    });
  });
});
