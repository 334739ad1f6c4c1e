import { describe, expect, it } from 'vitest';
import { HopTracker, recordFacts, type TappedRecord } from '@eventscope/collectors';
import { SpanSchema, TimelineSchema, type Span } from '@eventscope/shared';
import { buildTimeline } from './timeline';

/** Hop spans from the collectors' tracker, placed on a timeline beside OTLP spans. */

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const TRACE = 'ab'.repeat(16);
const SEND = '1'.repeat(16);
const PROCESS = '2'.repeat(16);

function record(fields: Partial<TappedRecord> & { at: number }) {
  const { at, ...rest } = fields;
  return recordFacts(
    {
      topic: 'orders',
      partition: 0,
      offset: '5',
      timestamp: String(T0 + at),
      key: null,
      value: Buffer.from('{}'),
      headers: {},
      ...rest,
    },
    T0,
  );
}

function otlp(fields: Partial<Span> & { at: number; ms: number }): Span {
  const { at, ms, ...rest } = fields;
  return SpanSchema.parse({
    traceId: TRACE,
    spanId: SEND,
    parentSpanId: null,
    links: [],
    service: 'orders',
    name: 'work',
    kind: 'internal',
    startedAt: new Date(T0 + at).toISOString(),
    startTimeUnixNano: (BigInt(T0 + at) * 1_000_000n).toString(),
    durationMs: ms,
    status: { code: 'unset' },
    attributes: {},
    source: 'otlp',
    correlationIds: [],
    messaging: {},
    ...rest,
  });
}

function springHeaders(topic: string, offset: bigint, group: string) {
  const partition = Buffer.alloc(4);
  const o = Buffer.alloc(8);
  o.writeBigInt64BE(offset);
  return {
    'kafka_dlt-original-topic': Buffer.from(topic),
    'kafka_dlt-original-partition': partition,
    'kafka_dlt-original-offset': o,
    'kafka_dlt-original-consumer-group': Buffer.from(group),
    'kafka_dlt-exception-fqcn': Buffer.from('com.shop.CardDeclinedException'),
  };
}

const committed = (group: string, topic: string, offset: string) =>
  new Map([[group, new Map([[topic, new Map([[0, offset]])]])]]);

describe('timeline with hop spans', () => {
  it('nests hops under the OTLP producer, shows the queue wait and the DLQ detour', () => {
    const tracker = new HopTracker({ cluster: 'local', sampleIntervalMs: 50 });
    const traceparent = `00-${TRACE}-${SEND}-01`;
    const send = otlp({ at: 0, ms: 5, kind: 'producer', service: 'order-generator' });
    const process = otlp({
      at: 30,
      ms: 20,
      spanId: PROCESS,
      parentSpanId: SEND,
      kind: 'consumer',
      service: 'payments',
      status: { code: 'error', message: 'card declined' },
    });
    const hops = [
      ...tracker.observe([record({ at: 2, headers: { traceparent } })]),
      ...tracker.observe([
        record({
          at: 45,
          topic: 'payments-dlt',
          offset: '0',
          headers: { traceparent, ...springHeaders('orders', 5n, 'payments') },
        }),
      ]),
      ...tracker.close(committed('payments', 'orders', '6'), {
        fromMs: T0 + 10,
        toMs: T0 + 60,
      }),
    ];
    const [produced, dead, queued] = hops;
    if (!produced || !dead || !queued) throw new Error('hops missing');

    const timeline = TimelineSchema.parse(buildTimeline([...hops, process, send]));
    expect(timeline.traceIds).toEqual([TRACE]);
    expect(timeline.spans.map((s) => s.spanId)).toEqual([
      SEND,
      produced.spanId,
      queued.spanId,
      PROCESS,
      dead.spanId,
    ]);
    const depth = Object.fromEntries(timeline.spans.map((s) => [s.spanId, s.depth]));
    expect([depth[produced.spanId], depth[queued.spanId]]).toEqual([1, 2]);
    expect(timeline.queueWaits).toEqual(
      expect.arrayContaining([
        { from: produced.spanId, to: queued.spanId, waitMs: 58, topic: 'orders' },
        { from: SEND, to: PROCESS, waitMs: 25, topic: null },
      ]),
    );
    expect(timeline.segments).toEqual([
      expect.objectContaining({ kind: 'dlq', label: 'payments-dlt', spanIds: [dead.spanId] }),
    ]);
    expect(timeline.corrections).toEqual([]);
    expect(timeline.selfTimeByService.kafka).toBe(58);
  });

  it('forms one timeline from correlation-only records, in causal order', () => {
    const tracker = new HopTracker({ cluster: 'local', sampleIntervalMs: 100 });
    const corr = { 'correlation-id': 'order-1' };
    const spans = [
      ...tracker.observe([
        record({ at: 0, headers: { ...corr, ce_id: 'evt-1' } }),
        record({
          at: 20,
          topic: 'payments',
          offset: '3',
          headers: { ...corr, ce_causationid: 'evt-1' },
        }),
      ]),
      ...tracker.close(committed('payments', 'orders', '6'), { fromMs: T0 + 10, toMs: T0 + 100 }),
      ...tracker.observe([
        record({
          at: 150,
          topic: 'payments-dlt',
          offset: '0',
          headers: { ...corr, ...springHeaders('payments', 3n, 'shipping') },
        }),
      ]),
      ...tracker.close(committed('shipping', 'payments', '4'), {
        fromMs: T0 + 110,
        toMs: T0 + 200,
      }),
    ];
    const timeline = TimelineSchema.parse(buildTimeline(spans));
    expect(timeline.traceIds).toHaveLength(1);
    expect(timeline.correlationIds).toEqual(['order-1']);
    expect(timeline.spans.map((s) => s.name)).toEqual([
      'produced orders',
      'queued orders → payments',
      'produced payments',
      'queued payments → shipping',
      'dead-lettered payments-dlt',
    ]);
    expect(timeline.queueWaits.map((w) => w.waitMs)).toEqual([100, 180]);
    expect(timeline.segments.map((s) => s.kind)).toEqual(['dlq']);
  });

  it('follows orders → payments → payments-dlt → (replay) → payments → shipping in one timeline', () => {
    const tracker = new HopTracker({ cluster: 'local', sampleIntervalMs: 100 });
    const PAYMENT_SEND = '3'.repeat(16);
    const REPLAY = '4'.repeat(16);
    const corr = { 'correlation-id': 'order-1' };
    const order = record({ at: 0, headers: { ...corr, traceparent: `00-${TRACE}-${SEND}-01` } });
    const payment = record({
      at: 20,
      topic: 'payments',
      offset: '3',
      headers: { ...corr, traceparent: `00-${TRACE}-${PAYMENT_SEND}-01` },
    });
    // Spring keeps the failed record's headers (its traceparent too) beside its own.
    const dlqHeaders = { ...corr, ...springHeaders('payments', 3n, 'shipping') };
    const dead = record({
      at: 40,
      topic: 'payments-dlt',
      offset: '0',
      headers: { ...dlqHeaders, traceparent: `00-${TRACE}-${PAYMENT_SEND}-01` },
    });
    // The replay engine's span, and the record it produced: every header kept, a fresh
    // traceparent pointing at that span, and the replay marks.
    const replayed = otlp({
      at: 200,
      ms: 2,
      spanId: REPLAY,
      source: 'broker',
      service: 'eventscope',
      kind: 'producer',
      links: [{ traceId: TRACE, spanId: PAYMENT_SEND, attributes: {} }],
      attributes: { 'eventscope.hop': 'replayed', 'eventscope.replay.id': 'r-1' },
      messaging: { destination: 'payments' },
      correlationIds: ['order-1'],
    });
    const again = record({
      at: 201,
      topic: 'payments',
      offset: '4',
      headers: {
        ...dlqHeaders,
        traceparent: `00-${TRACE}-${REPLAY}-01`,
        'x-eventscope-replay-id': 'r-1',
        'x-eventscope-replayed-from': 'payments-dlt/0/0',
      },
    });
    const spans = [
      replayed,
      ...tracker.observe([order, payment, dead]),
      ...tracker.close(committed('payments', 'orders', '6'), { fromMs: T0 + 10, toMs: T0 + 30 }),
      ...tracker.close(committed('shipping', 'payments', '4'), { fromMs: T0 + 30, toMs: T0 + 60 }),
      ...tracker.observe([again]),
      ...tracker.close(committed('shipping', 'payments', '5'), {
        fromMs: T0 + 210,
        toMs: T0 + 260,
      }),
    ];
    const timeline = TimelineSchema.parse(buildTimeline(spans));
    expect(timeline.traceIds).toEqual([TRACE]);
    expect(timeline.spans.map((s) => s.name)).toEqual([
      'produced orders',
      'queued orders → payments',
      'produced payments',
      'queued payments → shipping',
      'dead-lettered payments-dlt',
      'work',
      'produced payments',
      'queued payments → shipping',
    ]);
    const [, , first, , detour, replay, reproduced, shipped] = timeline.spans;
    expect(detour?.parentSpanId).toBe(first?.spanId);
    expect(reproduced?.parentSpanId).toBe(REPLAY);
    expect(reproduced?.status.code).toBe('unset');
    expect(timeline.segments).toEqual([
      expect.objectContaining({ kind: 'dlq', label: 'payments-dlt', spanIds: [detour?.spanId] }),
      expect.objectContaining({
        kind: 'replay',
        label: 'r-1',
        spanIds: [replay?.spanId, reproduced?.spanId, shipped?.spanId],
      }),
    ]);
    expect(timeline.queueWaits.map((w) => [w.to, w.waitMs])).toContainEqual([shipped?.spanId, 59]);
  });
});
