/** Record header and span attribute names Eventscope reads and writes (DESIGN.md "Conventions"). */

export const traceHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/** Correlation-id headers, first match wins (compared case-insensitively). */
export const correlationHeaders = [
  'correlation-id',
  'x-correlation-id',
  'correlationId',
  'ce_correlationid',
] as const;
export const causationHeader = 'ce_causationid';
export const correlationSpanAttribute = 'messaging.message.conversation_id';

export const cloudEventHeaders = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specversion: 'ce_specversion',
} as const;

/** Spring Kafka dead letters: partition is a 4-byte int, offset/timestamp 8-byte longs (big-endian). */
export const springDltHeaders = {
  originalTopic: 'kafka_dlt-original-topic',
  originalPartition: 'kafka_dlt-original-partition',
  originalOffset: 'kafka_dlt-original-offset',
  originalTimestamp: 'kafka_dlt-original-timestamp',
  originalConsumerGroup: 'kafka_dlt-original-consumer-group',
  exceptionClass: 'kafka_dlt-exception-fqcn',
  exceptionCauseClass: 'kafka_dlt-exception-cause-fqcn',
  exceptionMessage: 'kafka_dlt-exception-message',
  exceptionStacktrace: 'kafka_dlt-exception-stacktrace',
} as const;

/** Kafka Connect dead letters: numbers are UTF-8 decimal strings. */
export const connectDlqHeaders = {
  topic: '__connect.errors.topic',
  partition: '__connect.errors.partition',
  offset: '__connect.errors.offset',
  connectorName: '__connect.errors.connector.name',
  exceptionClass: '__connect.errors.exception.class.name',
  exceptionMessage: '__connect.errors.exception.message',
  exceptionStacktrace: '__connect.errors.exception.stacktrace',
} as const;

/** Marks Eventscope writes on every replayed record. */
export const replayHeaders = {
  replayId: 'x-eventscope-replay-id',
  replayCount: 'x-eventscope-replay-count',
  replayedFrom: 'x-eventscope-replayed-from',
} as const;
