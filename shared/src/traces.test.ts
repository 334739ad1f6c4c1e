import { describe, expect, it } from 'vitest';
import {
  correlationIdsFromAttributes,
  isDlqTopic,
  messagingFromAttributes,
  replayMarkOf,
  SpanSchema,
  TraceSearchSchema,
} from './traces';

describe('messagingFromAttributes', () => {
  it('reads the current semantic-convention names', () => {
    expect(
      messagingFromAttributes({
        'messaging.system': 'kafka',
        'messaging.destination.name': 'orders',
        'messaging.destination.partition.id': '3',
        'messaging.kafka.offset': 42,
        'messaging.kafka.message.key': 'o-1',
        'messaging.consumer.group.name': 'payments',
        'messaging.operation.type': 'process',
        'messaging.message.conversation_id': 'c-1',
      }),
    ).toEqual({
      system: 'kafka',
      destination: 'orders',
      partition: 3,
      offset: '42',
      key: 'o-1',
      consumerGroup: 'payments',
      operation: 'process',
      conversationId: 'c-1',
    });
  });

  it('reads older and newer spellings, current names first', () => {
    expect(
      messagingFromAttributes({
        'messaging.destination': 'legacy',
        'messaging.kafka.partition': 1,
        'messaging.kafka.message.offset': '9223372036854775807',
        'messaging.kafka.consumer.group': 'g',
        'messaging.operation': 'publish',
      }),
    ).toEqual({
      destination: 'legacy',
      partition: 1,
      offset: '9223372036854775807',
      consumerGroup: 'g',
      operation: 'send',
    });
    expect(
      messagingFromAttributes({ 'kafka.offset': 7, 'messaging.kafka.destination.partition': 2 }),
    ).toEqual({ offset: '7', partition: 2 });
    expect(
      messagingFromAttributes({
        'messaging.destination.name': 'new',
        'messaging.destination': 'old',
      }),
    ).toEqual({ destination: 'new' });
    expect(messagingFromAttributes({ 'messaging.operation.type': 'teleport' })).toEqual({});
  });
});

describe('correlationIdsFromAttributes', () => {
  it('reads the conversation id and correlation headers in any case and prefix', () => {
    expect(
      correlationIdsFromAttributes({
        'messaging.message.conversation_id': 'a',
        'messaging.header.correlation-id': 'b',
        'messaging.kafka.header.X-Correlation-ID': ['c'],
        correlationId: 'd',
        'messaging.header.ce_correlationid': 'a',
        'messaging.header.traceparent': 'not-a-correlation',
        'http.request.header.correlation-id': 'not-messaging',
      }),
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('DLQ names and replay marks', () => {
  it.each(['orders-dlt', 'orders.DLT', 'orders.DLQ', 'orders-dlq', 'dlq-orders'])(
    '%s is a DLQ',
    (topic) => {
      expect(isDlqTopic(topic)).toBe(true);
    },
  );
  it.each(['orders', 'dlqueue', 'orders_dlq2'])('%s is not', (topic) => {
    expect(isDlqTopic(topic)).toBe(false);
  });
  it('finds replay marks as attributes or header attributes', () => {
    expect(replayMarkOf({ 'messaging.header.x-eventscope-replay-id': 'r1' })).toEqual({
      replayId: 'r1',
    });
    expect(replayMarkOf({ 'x-eventscope-replay-count': 2 })).toEqual({ replayId: null });
    expect(replayMarkOf({ other: 'x' })).toBeUndefined();
  });
});

describe('schemas', () => {
  const span = {
    traceId: '1'.repeat(32),
    spanId: '2'.repeat(16),
    parentSpanId: null,
    links: [],
    service: 's',
    name: 'n',
    kind: 'server',
    startedAt: '2026-11-25T10:00:00.000Z',
    startTimeUnixNano: '1795600000000000000',
    durationMs: 1.5,
    status: { code: 'ok' },
    attributes: { a: 1, b: ['x', null] },
    source: 'otlp',
    correlationIds: [],
    messaging: {},
  };
  it('accepts a normalized span and rejects bad ids', () => {
    expect(SpanSchema.safeParse(span).success).toBe(true);
    expect(SpanSchema.safeParse({ ...span, traceId: '0'.repeat(32) }).success).toBe(false);
    expect(SpanSchema.safeParse({ ...span, spanId: 'ABCDEF0123456789' }).success).toBe(false);
    expect(SpanSchema.safeParse({ ...span, durationMs: -1 }).success).toBe(false);
  });
  it('parses search queries from URL strings', () => {
    expect(TraceSearchSchema.parse({ hasError: 'false', limit: '10', minDurationMs: '5' })).toEqual(
      {
        hasError: false,
        limit: 10,
        minDurationMs: 5,
      },
    );
  });
});
