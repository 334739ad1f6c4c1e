import { z } from 'zod';
import { correlationHeaders, correlationSpanAttribute, replayHeaders } from './headers';

/** W3C / OTLP ids as lowercase hex; all zeros is "no id" and therefore invalid. */
const hexId = (digits: number, what: string) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-f]{${digits}}$`), `${what} must be ${digits} hex digits`)
    .refine((id) => !/^0+$/.test(id), `${what} must not be all zeros`);

export const TraceIdSchema = hexId(32, 'trace id');
export const SpanIdSchema = hexId(16, 'span id');

export const AttributeScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export const AttributeValueSchema = z.union([
  AttributeScalarSchema,
  z.array(z.union([AttributeScalarSchema, z.null()])),
]);
export const AttributesSchema = z.record(z.string(), AttributeValueSchema);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;
export type Attributes = z.infer<typeof AttributesSchema>;

export const SpanKindSchema = z.enum(['internal', 'server', 'client', 'producer', 'consumer']);
export type SpanKind = z.infer<typeof SpanKindSchema>;

export const SpanStatusSchema = z.object({
  code: z.enum(['unset', 'ok', 'error']),
  message: z.string().optional(),
});
export type SpanStatus = z.infer<typeof SpanStatusSchema>;

export const SpanLinkSchema = z.object({
  traceId: TraceIdSchema,
  spanId: SpanIdSchema,
  attributes: AttributesSchema,
});
export type SpanLink = z.infer<typeof SpanLinkSchema>;

export const MessagingOperationSchema = z.enum(['create', 'send', 'receive', 'process', 'settle']);
export type MessagingOperation = z.infer<typeof MessagingOperationSchema>;

/** int64 as a decimal string (STYLE.md: offsets are never JS numbers). */
const Int64String = z.string().regex(/^-?\d{1,19}$/, 'must be an int64 decimal string');

export const SpanMessagingSchema = z.object({
  system: z.string().optional(),
  destination: z.string().optional(),
  partition: z.number().int().nonnegative().optional(),
  offset: Int64String.optional(),
  key: z.string().optional(),
  operation: MessagingOperationSchema.optional(),
  consumerGroup: z.string().optional(),
  conversationId: z.string().optional(),
});
export type SpanMessaging = z.infer<typeof SpanMessagingSchema>;

/** The one span model: OTLP spans and broker hop spans are both normalized to it. */
export const SpanSchema = z.object({
  traceId: TraceIdSchema,
  spanId: SpanIdSchema,
  parentSpanId: SpanIdSchema.nullable(),
  links: z.array(SpanLinkSchema),
  service: z.string().min(1),
  name: z.string(),
  kind: SpanKindSchema,
  startedAt: z.iso.datetime(),
  /** Exact start as recorded (uint64 nanoseconds, decimal). */
  startTimeUnixNano: z.string().regex(/^\d{1,20}$/, 'must be a uint64 decimal string'),
  durationMs: z.number().finite().nonnegative(),
  status: SpanStatusSchema,
  attributes: AttributesSchema,
  source: z.enum(['otlp', 'broker']),
  correlationIds: z.array(z.string().min(1)),
  messaging: SpanMessagingSchema,
});
export type Span = z.infer<typeof SpanSchema>;

/**
 * Messaging attribute spellings, first match wins. OTel messaging conventions are still in
 * development: the current name comes first, then older and newer spellings seen in the wild.
 */
export const messagingAttributes = {
  system: ['messaging.system'],
  destination: [
    'messaging.destination.name',
    'messaging.destination',
    'messaging.source.name',
    'messaging.kafka.topic',
  ],
  partition: [
    'messaging.destination.partition.id',
    'messaging.kafka.destination.partition',
    'messaging.kafka.partition',
    'messaging.kafka.source.partition',
  ],
  offset: ['messaging.kafka.offset', 'messaging.kafka.message.offset', 'kafka.offset'],
  key: ['messaging.kafka.message.key', 'messaging.kafka.key'],
  operation: ['messaging.operation.type', 'messaging.operation'],
  consumerGroup: [
    'messaging.consumer.group.name',
    'messaging.kafka.consumer.group',
    'messaging.kafka.consumer_group',
  ],
  conversationId: [correlationSpanAttribute],
} as const;

/** Old operation values mapped to messaging.operation.type (semconv 1.26 renamed `publish`). */
const operationAliases: Record<string, MessagingOperation> = {
  create: 'create',
  send: 'send',
  publish: 'send',
  receive: 'receive',
  process: 'process',
  deliver: 'process',
  settle: 'settle',
};

function first(attributes: Attributes, names: readonly string[]): AttributeValue | undefined {
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

const asText = (value: AttributeValue | undefined): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;

export function messagingFromAttributes(attributes: Attributes): SpanMessaging {
  const messaging: SpanMessaging = {};
  const system = asText(first(attributes, messagingAttributes.system));
  if (system) messaging.system = system;
  const destination = asText(first(attributes, messagingAttributes.destination));
  if (destination) messaging.destination = destination;
  const partition = asText(first(attributes, messagingAttributes.partition));
  if (partition && /^\d{1,9}$/.test(partition)) messaging.partition = Number(partition);
  const offset = asText(first(attributes, messagingAttributes.offset));
  if (offset && /^-?\d{1,19}$/.test(offset)) messaging.offset = offset;
  const key = asText(first(attributes, messagingAttributes.key));
  if (key !== undefined) messaging.key = key;
  const operation = asText(first(attributes, messagingAttributes.operation));
  const normalized = operation ? operationAliases[operation.toLowerCase()] : undefined;
  if (normalized) messaging.operation = normalized;
  const group = asText(first(attributes, messagingAttributes.consumerGroup));
  if (group) messaging.consumerGroup = group;
  const conversationId = asText(first(attributes, messagingAttributes.conversationId));
  if (conversationId) messaging.conversationId = conversationId;
  return messaging;
}

/** Prefixes under which instrumentations record message headers as span attributes. */
export const headerAttributePrefixes = [
  'messaging.header.',
  'messaging.kafka.header.',
  'messaging.kafka.message.header.',
  'messaging.message.header.',
] as const;

const correlationHeaderNames = correlationHeaders.map((h) => h.toLowerCase());

/** Every attribute key (lowercase) that carries a correlation id: bare or header-prefixed. */
const correlationKeys = new Set([
  correlationSpanAttribute,
  ...correlationHeaderNames,
  ...headerAttributePrefixes.flatMap((prefix) => correlationHeaderNames.map((h) => prefix + h)),
]);

/** The header name of a header-like attribute key (lowercase), or undefined. */
function headerNameOf(key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const prefix of headerAttributePrefixes)
    if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  return undefined;
}

function addIds(ids: Set<string>, value: AttributeValue): void {
  for (const v of Array.isArray(value) ? value : [value])
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') ids.add(String(v));
}

/**
 * Correlation ids carried by a span: `messaging.message.conversation_id` and header-like
 * attributes named after the correlation headers (any case, with or without a header prefix).
 * Runs for every ingested span: one lookup per attribute.
 */
export function correlationIdsFromAttributes(attributes: Attributes): string[] {
  const ids = new Set<string>();
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    if (key === correlationSpanAttribute || correlationKeys.has(key.toLowerCase()))
      addIds(ids, value);
  }
  return [...ids];
}

/** DESIGN.md "DLQ naming": `<topic>-dlt`, `<topic>.DLT`, `<topic>.DLQ`, `<topic>-dlq`, `dlq-<topic>`. */
export function isDlqTopic(topic: string): boolean {
  return /(?:[.-](?:dlt|dlq))$/i.test(topic) || /^dlq-/i.test(topic);
}

/** The replay id when the span carries Eventscope's replay marks (as attribute or header attribute). */
export function replayMarkOf(attributes: Attributes): { replayId: string | null } | undefined {
  let marked = false;
  let replayId: string | null = null;
  for (const key in attributes) {
    const name = headerNameOf(key) ?? key.toLowerCase();
    if (!name.startsWith('x-eventscope-replay')) continue;
    marked = true;
    const value = attributes[key];
    if (name === replayHeaders.replayId && typeof value === 'string') replayId = value;
  }
  return marked ? { replayId } : undefined;
}

/**
 * Hop spans: what the collectors derive from broker records (source "broker"), without any
 * instrumentation. `replayed` is written by the replay engine on the records it re-produces.
 */
export const HopKindSchema = z.enum(['produced', 'queued', 'dead-lettered', 'replayed']);
export type HopKind = z.infer<typeof HopKindSchema>;

/** Attribute names on hop spans (beside the messaging.* ones). */
export const hopAttributes = {
  kind: 'eventscope.hop',
  cluster: 'eventscope.cluster',
  /**
   * Queued hops end at the first sample that saw the group's committed offset past the record;
   * the commit happened after `endedAfter` (ISO time): the end is known to `resolutionMs`.
   */
  endedAfter: 'eventscope.queue.ended_after',
  resolutionMs: 'eventscope.queue.resolution_ms',
  sampleIntervalMs: 'eventscope.queue.sample_interval_ms',
  originalTopic: 'eventscope.dlq.original_topic',
  originalPartition: 'eventscope.dlq.original_partition',
  originalOffset: 'eventscope.dlq.original_offset',
  /** On replayed hops: the replay's id. */
  replayId: 'eventscope.replay.id',
  /** On links: why (`caused-by`, `dead-lettered-from`, `dead-lettered-by`, `replayed-from`). */
  linkReason: 'eventscope.link',
} as const;

/** The hop kind of a broker span, if it is one. */
export function hopKindOf(span: {
  source: 'otlp' | 'broker';
  attributes: Attributes;
}): HopKind | undefined {
  if (span.source !== 'broker') return undefined;
  const parsed = HopKindSchema.safeParse(span.attributes[hopAttributes.kind]);
  return parsed.success ? parsed.data : undefined;
}

/** `GET /api/traces` query: every filter optional, results newest first. */
export const TraceSearchSchema = z.object({
  correlationId: z.string().min(1).max(512).optional(),
  traceId: TraceIdSchema.optional(),
  service: z.string().min(1).max(256).optional(),
  topic: z.string().min(1).max(256).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  hasError: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
  minDurationMs: z.coerce.number().finite().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TraceSearch = z.input<typeof TraceSearchSchema>;

export const TraceSummarySchema = z.object({
  traceId: TraceIdSchema,
  correlationIds: z.array(z.string()),
  services: z.array(z.string()),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  spanCount: z.number().int().nonnegative(),
  hasError: z.boolean(),
});
export type TraceSummary = z.infer<typeof TraceSummarySchema>;

/**
 * A span placed on a timeline. `startedAt` and `offsetMs` are after clock-skew correction;
 * `shiftedByMs` says by how much (0 = as recorded) and `startTimeUnixNano` keeps the record.
 */
export const TimelineSpanSchema = SpanSchema.extend({
  offsetMs: z.number(),
  depth: z.number().int().nonnegative(),
  shiftedByMs: z.number().nonnegative(),
});
export type TimelineSpan = z.infer<typeof TimelineSpanSchema>;

export const QueueWaitSchema = z.object({
  from: SpanIdSchema,
  to: SpanIdSchema,
  waitMs: z.number().nonnegative(),
  topic: z.string().nullable(),
});
export type QueueWait = z.infer<typeof QueueWaitSchema>;

export const TimelineSegmentSchema = z.object({
  kind: z.enum(['dlq', 'replay']),
  /** The DLQ topic, or the replay id (null when the marks carry none). */
  label: z.string().nullable(),
  spanIds: z.array(SpanIdSchema),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
});
export type TimelineSegment = z.infer<typeof TimelineSegmentSchema>;

export const SkewCorrectionSchema = z.object({
  spanId: SpanIdSchema,
  shiftedByMs: z.number().positive(),
  reason: z.string(),
});
export type SkewCorrection = z.infer<typeof SkewCorrectionSchema>;

/** `GET /api/traces/{id}`: every trace joined by correlation id and span links. */
export const TimelineSchema = z.object({
  traceIds: z.array(TraceIdSchema),
  correlationIds: z.array(z.string()),
  startedAt: z.iso.datetime().nullable(),
  durationMs: z.number().nonnegative(),
  spans: z.array(TimelineSpanSchema),
  queueWaits: z.array(QueueWaitSchema),
  segments: z.array(TimelineSegmentSchema),
  criticalPath: z.array(SpanIdSchema),
  selfTimeByService: z.record(z.string(), z.number().nonnegative()),
  corrections: z.array(SkewCorrectionSchema),
  /** True when the gathering stopped at its bounds (traces or spans): the timeline is partial. */
  truncated: z.boolean(),
});
export type Timeline = z.infer<typeof TimelineSchema>;
