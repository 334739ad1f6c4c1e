import {
  correlationSpanAttribute,
  hopAttributes,
  type Attributes,
  type HopKind,
  type Span,
  type SpanLink,
  type SpanMessaging,
  type SpanStatus,
} from '@eventscope/shared';
import { correlationTraceId, hopSpanId, type RecordRef } from './ids';
import type { RecordFacts } from './record-facts';

/**
 * Pure derivation of hop spans from record facts. Hop spans live in the record's trace (from its
 * traceparent, else a trace id hashed from its correlation id) and have deterministic span ids,
 * so a record read twice gives the same spans.
 */

export interface HopSettings {
  cluster: string;
  /** The service name hop spans are shown under (default lane "kafka"). */
  service: string;
  sampleIntervalMs: number;
}

/** A record's first hop (produced, or dead-lettered for a dead letter): queued hops hang under it. */
export interface RecordHop {
  traceId: string;
  spanId: string;
  correlationId: string | null;
}

/** Hops derived earlier, for joins: a dead letter to its original, an event to its cause. */
export interface HopLookup {
  record(topic: string, partition: number, offset: string): RecordHop | undefined;
  event(eventId: string): RecordHop | undefined;
}

const MAX_STATUS_MESSAGE = 300;

const refOf = (settings: HopSettings, facts: RecordFacts): RecordRef => ({
  cluster: settings.cluster,
  topic: facts.topic,
  partition: facts.partition,
  offset: facts.offset,
});

type Operation = 'send' | 'receive';

/** A hop's attributes: the record's messaging.* ones (current semconv names) and the hop's own. */
function recordAttributes(
  facts: RecordFacts,
  settings: HopSettings,
  kind: HopKind,
  operation: Operation,
  correlationId: string | null,
): Attributes {
  const attributes: Attributes = {
    'messaging.system': 'kafka',
    'messaging.destination.name': facts.topic,
    'messaging.destination.partition.id': String(facts.partition),
    'messaging.kafka.offset': facts.offset,
    'messaging.operation.type': operation,
    'messaging.message.body.size': facts.valueBytes,
    'messaging.message.envelope.size': facts.sizeBytes,
    [hopAttributes.kind]: kind,
    [hopAttributes.cluster]: settings.cluster,
  };
  if (facts.key !== null) attributes['messaging.kafka.message.key'] = facts.key;
  if (facts.eventId !== null) attributes['messaging.message.id'] = facts.eventId;
  if (correlationId !== null) attributes[correlationSpanAttribute] = correlationId;
  for (const name in facts.replay) {
    const value = facts.replay[name];
    if (value !== undefined) attributes[`messaging.header.${name}`] = value;
  }
  return attributes;
}

/** The same facts as `messagingFromAttributes` would read from those attributes. */
function recordMessaging(
  facts: RecordFacts,
  operation: Operation,
  correlationId: string | null,
  group?: string,
): SpanMessaging {
  const messaging: SpanMessaging = {
    system: 'kafka',
    destination: facts.topic,
    partition: facts.partition,
    offset: facts.offset,
    operation,
  };
  if (facts.key !== null) messaging.key = facts.key;
  if (group) messaging.consumerGroup = group;
  if (correlationId !== null) messaging.conversationId = correlationId;
  return messaging;
}

interface SpanFields {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  links: SpanLink[];
  name: string;
  kind: Span['kind'];
  startMs: number;
  durationMs: number;
  status: SpanStatus;
  attributes: Attributes;
  messaging: SpanMessaging;
  correlationId: string | null;
}

function hopSpan(settings: HopSettings, f: SpanFields): Span {
  return {
    traceId: f.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId,
    links: f.links,
    service: settings.service,
    name: f.name,
    kind: f.kind,
    startedAt: new Date(f.startMs).toISOString(),
    startTimeUnixNano: (BigInt(Math.round(f.startMs)) * 1_000_000n).toString(),
    durationMs: f.durationMs,
    status: f.status,
    attributes: f.attributes,
    source: 'broker',
    correlationIds: f.correlationId === null ? [] : [f.correlationId],
    messaging: f.messaging,
  };
}

const link = (to: RecordHop, reason: string): SpanLink => ({
  traceId: to.traceId,
  spanId: to.spanId,
  attributes: { [hopAttributes.linkReason]: reason },
});

/** The record's own trace id: from its trace context, else from its correlation id. */
function ownTraceId(facts: RecordFacts): string | null {
  if (facts.trace) return facts.trace.traceId;
  return facts.correlationId === null ? null : correlationTraceId(facts.correlationId);
}

function producedHop(facts: RecordFacts, settings: HopSettings, lookup: HopLookup) {
  const traceId = ownTraceId(facts);
  if (traceId === null) return null;
  const hop: RecordHop = {
    traceId,
    spanId: hopSpanId(refOf(settings, facts), 'produced'),
    correlationId: facts.correlationId,
  };
  const parentSpanId = facts.trace?.spanId ?? null;
  const cause = facts.causationId === null ? undefined : lookup.event(facts.causationId);
  const links =
    cause && cause.spanId !== parentSpanId && cause.spanId !== hop.spanId
      ? [link(cause, 'caused-by')]
      : [];
  const span = hopSpan(settings, {
    ...hop,
    parentSpanId,
    links,
    name: `produced ${facts.topic}`,
    kind: 'producer',
    startMs: facts.timestampMs,
    durationMs: 0,
    status: { code: 'unset' },
    attributes: recordAttributes(facts, settings, 'produced', 'send', facts.correlationId),
    messaging: recordMessaging(facts, 'send', facts.correlationId),
  });
  return { span, hop };
}

function failureOf(facts: RecordFacts): SpanStatus {
  const dl = facts.deadLetter;
  const what = [dl?.exceptionClass, dl?.exceptionMessage].filter(Boolean).join(': ');
  return { code: 'error', message: (what || 'dead-lettered').slice(0, MAX_STATUS_MESSAGE) };
}

/**
 * A dead letter's hop. Joined to the original record through the dead-letter origin headers
 * (Spring / Kafka Connect): its parent is the original's first hop when both are in one trace
 * (the DLQ record kept the original's trace context or correlation id), else it links to it.
 * It also links to the queued hop of the group that gave up on the original, when named.
 */
function deadLetteredHop(facts: RecordFacts, settings: HopSettings, lookup: HopLookup) {
  const dl = facts.deadLetter;
  const origin: RecordRef | null =
    dl && dl.originalTopic && dl.originalPartition !== null && dl.originalOffset !== null
      ? {
          cluster: settings.cluster,
          topic: dl.originalTopic,
          partition: dl.originalPartition,
          offset: dl.originalOffset,
        }
      : null;
  const known = origin ? lookup.record(origin.topic, origin.partition, origin.offset) : undefined;
  const traceId = ownTraceId(facts) ?? known?.traceId ?? null;
  if (traceId === null) return null;
  const correlationId = facts.correlationId ?? known?.correlationId ?? null;
  const hop: RecordHop = {
    traceId,
    spanId: hopSpanId(refOf(settings, facts), 'dead-lettered'),
    correlationId,
  };
  // Not seen (yet): the original is assumed to be in this trace, as it is when headers are kept.
  const original: RecordHop | null =
    known ?? (origin ? { traceId, spanId: hopSpanId(origin, 'produced'), correlationId } : null);
  const sameTrace = original !== null && original.traceId === traceId;
  const parentSpanId = sameTrace ? original.spanId : (facts.trace?.spanId ?? null);
  const links: SpanLink[] = [];
  if (original && !sameTrace) links.push(link(original, 'dead-lettered-from'));
  if (origin && original && dl?.consumerGroup)
    links.push(
      link(
        { ...original, spanId: hopSpanId(origin, 'queued', dl.consumerGroup) },
        'dead-lettered-by',
      ),
    );
  const attributes = recordAttributes(facts, settings, 'dead-lettered', 'send', correlationId);
  if (origin) {
    attributes[hopAttributes.originalTopic] = origin.topic;
    attributes[hopAttributes.originalPartition] = origin.partition;
    attributes[hopAttributes.originalOffset] = origin.offset;
  }
  if (dl?.consumerGroup) attributes['messaging.consumer.group.name'] = dl.consumerGroup;
  if (dl?.exceptionClass) attributes['exception.type'] = dl.exceptionClass;
  if (dl?.exceptionMessage)
    attributes['exception.message'] = dl.exceptionMessage.slice(0, MAX_STATUS_MESSAGE);
  const span = hopSpan(settings, {
    ...hop,
    parentSpanId,
    links,
    name: `dead-lettered ${facts.topic}`,
    kind: 'producer',
    startMs: facts.timestampMs,
    durationMs: 0,
    status: failureOf(facts),
    attributes,
    messaging: recordMessaging(facts, 'send', correlationId, dl?.consumerGroup ?? undefined),
  });
  return { span, hop };
}

/**
 * Whether a record is a dead letter: on a DLQ topic by name, or carrying dead-letter headers.
 * A replayed record keeps its dead letter's headers on the way back, so off a DLQ topic the
 * replay marks win: it is produced again, not dead-lettered.
 */
export function isDeadLetter(facts: RecordFacts, onDlqTopic: boolean): boolean {
  if (onDlqTopic) return true;
  return facts.deadLetter !== null && Object.keys(facts.replay).length === 0;
}

/**
 * The first hop of a record: dead-lettered for a dead letter, produced otherwise. Null when it
 * can join no timeline.
 */
export function firstHop(
  facts: RecordFacts,
  settings: HopSettings,
  lookup: HopLookup,
  onDlqTopic: boolean,
): { span: Span; hop: RecordHop } | null {
  return isDeadLetter(facts, onDlqTopic)
    ? deadLetteredHop(facts, settings, lookup)
    : producedHop(facts, settings, lookup);
}

export interface QueuedEnd {
  /** When the sample that saw the group's commit past the record had read the offsets. */
  endMs: number;
  /** The latest time the commit was known not to have happened yet (the record timestamp at worst). */
  endedAfterMs: number;
}

/**
 * The queued/consumed hop of one consumer group: from the record timestamp until the group's
 * committed offset passed the record, as observed by the sampler (one sample interval of
 * resolution, stated in the attributes).
 */
export function queuedHop(
  facts: RecordFacts,
  first: RecordHop,
  group: string,
  end: QueuedEnd,
  settings: HopSettings,
): Span {
  const endMs = Math.max(end.endMs, facts.timestampMs);
  const endedAfterMs = Math.min(Math.max(end.endedAfterMs, facts.timestampMs), endMs);
  const correlationId = first.correlationId;
  const attributes = recordAttributes(facts, settings, 'queued', 'receive', correlationId);
  attributes['messaging.consumer.group.name'] = group;
  attributes[hopAttributes.endedAfter] = new Date(endedAfterMs).toISOString();
  attributes[hopAttributes.resolutionMs] = endMs - endedAfterMs;
  attributes[hopAttributes.sampleIntervalMs] = settings.sampleIntervalMs;
  return hopSpan(settings, {
    traceId: first.traceId,
    spanId: hopSpanId(refOf(settings, facts), 'queued', group),
    parentSpanId: first.spanId,
    links: [],
    name: `queued ${facts.topic} → ${group}`,
    kind: 'consumer',
    startMs: facts.timestampMs,
    durationMs: endMs - facts.timestampMs,
    status: { code: 'unset' },
    correlationId,
    attributes,
    messaging: recordMessaging(facts, 'receive', correlationId, group),
  });
}
