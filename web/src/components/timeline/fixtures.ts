import type { Timeline, TimelineSpan } from '@eventscope/shared';

/** Test data: a small shop trace (orders → payments → DLQ) and a generator for big ones. */

export const TRACE_A = 'a'.repeat(31) + '1';
export const TRACE_B = 'b'.repeat(31) + '2';
export const CORRELATION = 'corr-42';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');

export const spanId = (n: number) => n.toString(16).padStart(16, '0');

export function span(overrides: Partial<TimelineSpan> & { spanId: string }): TimelineSpan {
  const offsetMs = overrides.offsetMs ?? 0;
  return {
    traceId: TRACE_A,
    parentSpanId: null,
    links: [],
    service: 'orders',
    name: 'work',
    kind: 'internal',
    startedAt: new Date(T0 + offsetMs).toISOString(),
    startTimeUnixNano: String((T0 + offsetMs) * 1_000_000),
    durationMs: 10,
    status: { code: 'unset' },
    attributes: {},
    source: 'otlp',
    correlationIds: [CORRELATION],
    messaging: {},
    offsetMs,
    depth: 0,
    shiftedByMs: 0,
    ...overrides,
  };
}

export const ids = {
  send: spanId(1),
  process: spanId(2),
  dlq: spanId(3),
  replay: spanId(4),
  batch: spanId(5),
};

/**
 * orders sends (0–10 ms) → 40 ms on `orders` → payments processes (50–90 ms, error, shifted
 * +12 ms) → sends to payments-dlt (80–85 ms) → replay consumer in trace B links back (150 ms).
 */
export function shopTimeline(): Timeline {
  return {
    traceIds: [TRACE_A, TRACE_B],
    correlationIds: [CORRELATION],
    startedAt: new Date(T0).toISOString(),
    durationMs: 200,
    spans: [
      span({ spanId: ids.send, name: 'send orders', kind: 'producer', durationMs: 10 }),
      span({
        spanId: ids.process,
        parentSpanId: ids.send,
        service: 'payments',
        name: 'process orders',
        kind: 'consumer',
        offsetMs: 50,
        durationMs: 40,
        depth: 1,
        shiftedByMs: 12,
        status: { code: 'error', message: 'Query timed out after 5000ms' },
        attributes: { 'messaging.kafka.offset': '89', 'db.system': 'postgresql' },
        messaging: { system: 'kafka', destination: 'orders', partition: 0, offset: '89' },
      }),
      span({
        spanId: ids.dlq,
        parentSpanId: ids.process,
        service: 'payments',
        name: 'send payments-dlt',
        kind: 'producer',
        offsetMs: 80,
        durationMs: 5,
        depth: 2,
      }),
      span({
        spanId: ids.replay,
        traceId: TRACE_B,
        service: 'shipping',
        name: 'process payments',
        kind: 'consumer',
        offsetMs: 150,
        durationMs: 50,
        source: 'broker',
        links: [{ traceId: TRACE_A, spanId: ids.dlq, attributes: {} }],
      }),
    ],
    queueWaits: [{ from: ids.send, to: ids.process, waitMs: 40, topic: 'orders' }],
    segments: [
      {
        kind: 'dlq',
        label: 'payments-dlt',
        spanIds: [ids.dlq],
        startedAt: new Date(T0 + 80).toISOString(),
        endedAt: new Date(T0 + 85).toISOString(),
      },
      {
        kind: 'replay',
        label: 'replay-7',
        spanIds: [ids.replay],
        startedAt: new Date(T0 + 150).toISOString(),
        endedAt: new Date(T0 + 200).toISOString(),
      },
    ],
    criticalPath: [ids.send, ids.process, ids.dlq],
    selfTimeByService: { orders: 10, payments: 35, shipping: 50 },
    corrections: [
      {
        spanId: ids.process,
        shiftedByMs: 12,
        reason: 'consumer started before its producer',
      },
    ],
    truncated: false,
  };
}

/** `count` spans over 10 services, one after another: a long, flat trace. */
export function bigTimeline(count: number): Timeline {
  const spans = Array.from({ length: count }, (_, i) =>
    span({
      spanId: spanId(i + 1),
      service: `svc-${i % 10}`,
      name: `op ${i}`,
      kind: i % 2 ? 'consumer' : 'producer',
      offsetMs: i,
      durationMs: 5,
    }),
  );
  return {
    ...shopTimeline(),
    durationMs: count + 5,
    spans,
    queueWaits: [],
    segments: [],
    criticalPath: [],
    corrections: [],
    selfTimeByService: {},
  };
}
