import { describe, expect, it } from 'vitest';
import {
  hopAttributes,
  hopKindOf,
  messagingFromAttributes,
  replayMarkOf,
  SpanSchema,
  type Span,
} from '@eventscope/shared';
import { correlationTraceId, hopSpanId } from './ids';
import { recordFacts, type TappedRecord } from './record-facts';
import { HopTracker, type CommittedOffsets } from './tracker';

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const CLUSTER = 'prod';

function facts(fields: Partial<TappedRecord> & { at?: number } = {}) {
  const { at = 0, ...rest } = fields;
  return recordFacts(
    {
      topic: 'orders',
      partition: 0,
      offset: '5',
      timestamp: String(T0 + at),
      key: Buffer.from('order-1'),
      value: Buffer.from('{}'),
      headers: {},
      ...rest,
    },
    T0,
  );
}

const tracker = (options: Partial<ConstructorParameters<typeof HopTracker>[0]> = {}) =>
  new HopTracker({ cluster: CLUSTER, sampleIntervalMs: 5000, ...options });

/** { group: { topic: { partition: offset } } } as the sampler's committed map. */
function committed(
  groups: Record<string, Record<string, Record<number, string>>>,
): CommittedOffsets {
  return new Map(
    Object.entries(groups).map(([group, topics]) => [
      group,
      new Map(
        Object.entries(topics).map(([topic, parts]) => [
          topic,
          new Map(Object.entries(parts).map(([p, o]) => [Number(p), o])),
        ]),
      ),
    ]),
  );
}

const window = (fromMs: number, toMs = fromMs + 50) => ({ fromMs: T0 + fromMs, toMs: T0 + toMs });
const valid = (spans: Span[]) => spans.map((s) => SpanSchema.parse(s));

function springHeaders(topic: string, partition: number, offset: bigint, group?: string) {
  const p = Buffer.alloc(4);
  p.writeInt32BE(partition);
  const o = Buffer.alloc(8);
  o.writeBigInt64BE(offset);
  return {
    'kafka_dlt-original-topic': Buffer.from(topic),
    'kafka_dlt-original-partition': p,
    'kafka_dlt-original-offset': o,
    'kafka_dlt-exception-fqcn': Buffer.from('com.shop.CardDeclinedException'),
    'kafka_dlt-exception-message': Buffer.from('card declined'),
    ...(group ? { 'kafka_dlt-original-consumer-group': Buffer.from(group) } : {}),
  };
}

describe('HopTracker: produced hops', () => {
  it('nests the produced hop under the span in the traceparent', () => {
    const [span] = valid(
      tracker().observe([
        facts({ headers: { TraceParent: Buffer.from(`00-${TRACE}-${PARENT}-01`) }, at: 3 }),
      ]),
    );
    expect(span).toMatchObject({
      traceId: TRACE,
      parentSpanId: PARENT,
      spanId: hopSpanId(
        { cluster: CLUSTER, topic: 'orders', partition: 0, offset: '5' },
        'produced',
      ),
      kind: 'producer',
      service: 'kafka',
      name: 'produced orders',
      source: 'broker',
      startedAt: '2026-11-25T10:00:00.003Z',
      durationMs: 0,
      correlationIds: [],
      messaging: {
        system: 'kafka',
        destination: 'orders',
        partition: 0,
        offset: '5',
        key: 'order-1',
        operation: 'send',
      },
    });
    expect(span && hopKindOf(span)).toBe('produced');
    expect(span?.attributes[hopAttributes.cluster]).toBe(CLUSTER);
  });

  it('gives correlation-only records one trace per correlation id, across topics', () => {
    const spans = valid(
      tracker().observe([
        facts({ headers: { 'correlation-id': 'order-1' } }),
        facts({ topic: 'payments', headers: { ce_correlationid: Buffer.from('order-1') } }),
        facts({ topic: 'payments', offset: '6', headers: { 'correlation-id': 'order-2' } }),
      ]),
    );
    expect(spans.map((s) => s.traceId)).toEqual([
      correlationTraceId('order-1'),
      correlationTraceId('order-1'),
      correlationTraceId('order-2'),
    ]);
    expect(correlationTraceId('order-1')).toMatch(/^[0-9a-f]{32}$/);
    expect(correlationTraceId('order-1')).not.toBe(correlationTraceId('order-2'));
    expect(spans.map((s) => s.parentSpanId)).toEqual([null, null, null]);
    expect(spans[0]?.correlationIds).toEqual(['order-1']);
    expect(spans[0]?.messaging.conversationId).toBe('order-1');
  });

  it('derives the same ids when a record is read again, by this or another collector', () => {
    const record = facts({ headers: { 'correlation-id': 'order-1' } });
    const first = tracker().observe([record]);
    const again = tracker().observe([record]);
    expect(again).toEqual(first);
    const other = tracker({ cluster: 'staging' }).observe([record]);
    expect(other[0]?.spanId).not.toBe(first[0]?.spanId);
    expect(other[0]?.traceId).toBe(first[0]?.traceId);
  });

  it('skips records that carry no trace context and no correlation id', () => {
    expect(tracker().observe([facts({ headers: { ce_id: 'evt-1' } })])).toEqual([]);
  });

  it('links an event to the event that caused it (CloudEvents causation id)', () => {
    const t = tracker();
    const [order] = t.observe([facts({ headers: { 'correlation-id': 'c', ce_id: 'evt-1' } })]);
    const [payment] = t.observe([
      facts({ topic: 'payments', headers: { 'correlation-id': 'c', ce_causationid: 'evt-1' } }),
    ]);
    expect(payment?.links).toEqual([
      {
        traceId: order?.traceId,
        spanId: order?.spanId,
        attributes: { [hopAttributes.linkReason]: 'caused-by' },
      },
    ]);
  });

  it('carries replay marks, so the timeline shows the replay', () => {
    const [span] = tracker().observe([
      facts({
        headers: { traceparent: `00-${TRACE}-${PARENT}-01`, 'x-eventscope-replay-id': 'r-9' },
      }),
    ]);
    expect(span && replayMarkOf(span.attributes)).toEqual({ replayId: 'r-9' });
  });
});

describe('HopTracker: queued hops', () => {
  const corr = { 'correlation-id': 'order-1' };

  it('closes when the group commit passes the record, with the sample resolution stated', () => {
    const t = tracker();
    const [produced] = t.observe([facts({ headers: corr, at: 1000 })]);
    expect(t.close(committed({ payments: { orders: { 0: '5' } } }), window(2000))).toEqual([]);
    const [queued, ...rest] = valid(
      t.close(committed({ payments: { orders: { 0: '6' } } }), window(7000, 7050)),
    );
    expect(rest).toEqual([]);
    expect(queued).toMatchObject({
      traceId: produced?.traceId,
      parentSpanId: produced?.spanId,
      kind: 'consumer',
      name: 'queued orders → payments',
      startedAt: '2026-11-25T10:00:01.000Z',
      durationMs: 6050,
      correlationIds: ['order-1'],
      messaging: { operation: 'receive', consumerGroup: 'payments', offset: '5' },
      attributes: {
        [hopAttributes.kind]: 'queued',
        [hopAttributes.endedAfter]: '2026-11-25T10:00:02.000Z',
        [hopAttributes.resolutionMs]: 5050,
        [hopAttributes.sampleIntervalMs]: 5000,
      },
    });
    expect(t.close(committed({ payments: { orders: { 0: '7' } } }), window(12_000))).toEqual([]);
    expect(t.stats().pending).toBe(0);
  });

  it('bounds the end by the record time when the commit had passed before the record was seen', () => {
    const t = tracker();
    t.observe([facts({ headers: corr, at: 0 })]);
    const [queued] = t.close(committed({ payments: { orders: { 0: '9' } } }), window(4000));
    expect(queued?.durationMs).toBe(4050);
    expect(queued?.attributes[hopAttributes.resolutionMs]).toBe(4050);
  });

  it('emits no wait it cannot place: a commit that passed long before anyone looked', () => {
    const t = tracker({ maxResolutionMs: 10_000 });
    // Read late (the tap was away): the record is 2 minutes old and already consumed.
    t.observe([facts({ headers: corr, at: 0 })]);
    expect(t.close(committed({ payments: { orders: { 0: '9' } } }), window(120_000))).toEqual([]);
    expect(t.stats()).toMatchObject({ pending: 0, unresolved: 1 });
    // Followed from sample to sample, a record read late still gets a well-placed end.
    t.observe([facts({ headers: corr, offset: '9', at: 115_000 })]);
    const [queued] = t.close(
      committed({ payments: { orders: { 0: '10' } } }),
      window(125_000, 125_010),
    );
    expect(queued?.attributes[hopAttributes.endedAfter]).toBe('2026-11-25T10:02:00.000Z');
    expect(queued?.attributes[hopAttributes.resolutionMs]).toBe(5010);
  });

  it('keeps one queued hop per group, and the record waits for the slower group', () => {
    const t = tracker();
    t.observe([facts({ headers: corr })]);
    const groups = (a: string, b: string) =>
      committed({ fast: { orders: { 0: a } }, slow: { orders: { 0: b } } });
    const first = t.close(groups('6', '5'), window(1000));
    expect(first.map((s) => s.messaging.consumerGroup)).toEqual(['fast']);
    expect(t.stats().pending).toBe(1);
    const second = t.close(groups('6', '6'), window(2000));
    expect(second.map((s) => s.messaging.consumerGroup)).toEqual(['slow']);
    expect(second[0]?.spanId).not.toBe(first[0]?.spanId);
    expect(t.stats().pending).toBe(0);
  });

  it('ignores groups of other partitions and topics', () => {
    const t = tracker();
    t.observe([facts({ headers: corr, partition: 1 })]);
    const other = committed({ a: { orders: { 0: '100' } }, b: { payments: { 1: '100' } } });
    expect(t.close(other, window(1000))).toEqual([]);
    expect(t.stats().pending).toBe(1);
  });

  it('bounds the records waiting, per partition, in all and by age', () => {
    const t = tracker({ maxPendingPerPartition: 3, maxPending: 4, maxPendingAgeMs: 60_000 });
    const many = (partition: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        facts({ headers: corr, partition, offset: String(i), at: i }),
      );
    t.observe(many(0, 5));
    expect(t.stats()).toMatchObject({ pending: 3, dropped: 2 });
    t.observe(many(1, 3));
    expect(t.stats().pending).toBeLessThanOrEqual(4);
    expect(t.stats().pending + t.stats().dropped).toBe(8);
    t.close(committed({}), window(120_000));
    expect(t.stats()).toMatchObject({ pending: 0, dropped: 8 });
  });
});

describe('HopTracker: span model', () => {
  it('fills `messaging` exactly as the attributes read, for every hop kind', () => {
    const t = tracker();
    const corr = { 'correlation-id': 'c' };
    const spans = [
      ...t.observe([facts({ topic: 'payments', offset: '4', headers: corr })]),
      ...t.observe([
        facts({
          topic: 'payments-dlt',
          headers: { ...corr, ...springHeaders('payments', 0, 4n, 'g') },
        }),
      ]),
      ...t.close(committed({ g: { payments: { 0: '5' } } }), window(100)),
    ];
    expect(spans.map((s) => hopKindOf(s))).toEqual(['produced', 'dead-lettered', 'queued']);
    for (const span of valid(spans))
      expect(span.messaging).toEqual(messagingFromAttributes(span.attributes));
  });
});

describe('HopTracker: dead-lettered hops', () => {
  it('joins a Spring dead letter to its original through the origin headers', () => {
    const t = tracker();
    const [original] = t.observe([
      facts({ topic: 'payments', partition: 1, offset: '17', headers: { 'correlation-id': 'c' } }),
    ]);
    const [dead] = valid(
      t.observe([
        facts({
          topic: 'payments-dlt',
          partition: 1,
          offset: '0',
          at: 40,
          headers: { 'correlation-id': 'c', ...springHeaders('payments', 1, 17n, 'shipping') },
        }),
      ]),
    );
    expect(dead).toMatchObject({
      traceId: original?.traceId,
      parentSpanId: original?.spanId,
      name: 'dead-lettered payments-dlt',
      kind: 'producer',
      status: { code: 'error', message: 'com.shop.CardDeclinedException: card declined' },
      messaging: { destination: 'payments-dlt', consumerGroup: 'shipping' },
      attributes: {
        [hopAttributes.kind]: 'dead-lettered',
        [hopAttributes.originalTopic]: 'payments',
        [hopAttributes.originalPartition]: 1,
        [hopAttributes.originalOffset]: '17',
        'exception.type': 'com.shop.CardDeclinedException',
      },
    });
    // The group that gave up on the original: its queued hop, linked.
    expect(dead?.links).toEqual([
      {
        traceId: original?.traceId,
        spanId: hopSpanId(
          { cluster: CLUSTER, topic: 'payments', partition: 1, offset: '17' },
          'queued',
          'shipping',
        ),
        attributes: { [hopAttributes.linkReason]: 'dead-lettered-by' },
      },
    ]);
  });

  it('takes trace and correlation from the original when the dead letter carries neither', () => {
    const t = tracker();
    const [original] = t.observe([
      facts({ headers: { traceparent: `00-${TRACE}-${PARENT}-01`, 'correlation-id': 'c' } }),
    ]);
    const [dead] = t.observe([
      facts({
        topic: 'connect-dlq',
        offset: '3',
        headers: {
          '__connect.errors.topic': 'orders',
          '__connect.errors.partition': '0',
          '__connect.errors.offset': '5',
        },
      }),
    ]);
    expect(dead).toMatchObject({
      traceId: TRACE,
      parentSpanId: original?.spanId,
      correlationIds: ['c'],
    });
  });

  it('assumes the original is in its trace when the original was not seen', () => {
    const [dead] = tracker().observe([
      facts({
        topic: 'payments-dlt',
        headers: { traceparent: `00-${TRACE}-${PARENT}-01`, ...springHeaders('payments', 0, 4n) },
      }),
    ]);
    expect(dead?.parentSpanId).toBe(
      hopSpanId({ cluster: CLUSTER, topic: 'payments', partition: 0, offset: '4' }, 'produced'),
    );
    expect(dead?.links).toEqual([]);
  });

  it('links instead of parenting when the original is in another trace', () => {
    const t = tracker();
    const [original] = t.observe([
      facts({ topic: 'payments', offset: '4', headers: { 'correlation-id': 'c' } }),
    ]);
    const [dead] = t.observe([
      facts({
        topic: 'payments-dlt',
        headers: { traceparent: `00-${TRACE}-${PARENT}-01`, ...springHeaders('payments', 0, 4n) },
      }),
    ]);
    expect(dead?.parentSpanId).toBe(PARENT);
    expect(dead?.links).toEqual([
      {
        traceId: original?.traceId,
        spanId: original?.spanId,
        attributes: { [hopAttributes.linkReason]: 'dead-lettered-from' },
      },
    ]);
  });

  it('treats a record on a DLQ topic by name as a dead letter, even without headers', () => {
    const [dead] = tracker().observe([
      facts({ topic: 'orders.DLQ', headers: { 'correlation-id': 'c' } }),
    ]);
    expect(dead && hopKindOf(dead)).toBe('dead-lettered');
    expect(dead?.status).toEqual({ code: 'error', message: 'dead-lettered' });
  });

  it('produces a replayed record again although it kept its dead-letter headers', () => {
    const headers = {
      'correlation-id': 'c',
      ...springHeaders('payments', 0, 4n),
      'x-eventscope-replayed-from': 'payments-dlt/0/0',
    };
    const [replayed] = tracker().observe([facts({ topic: 'payments', headers })]);
    expect(replayed && hopKindOf(replayed)).toBe('produced');
    // Dead-lettered again, on the DLQ: a dead letter once more.
    const [again] = tracker().observe([facts({ topic: 'payments-dlt', headers })]);
    expect(again && hopKindOf(again)).toBe('dead-lettered');
  });

  it('skips a dead letter that joins nothing', () => {
    const t = tracker();
    expect(
      t.observe([facts({ topic: 'payments-dlt', headers: springHeaders('payments', 0, 4n) })]),
    ).toEqual([]);
  });
});
