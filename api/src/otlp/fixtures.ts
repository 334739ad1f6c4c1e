import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode, type Attributes, type Link } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';

/** Test and benchmark data: real ReadableSpans, encoded by OTel's own serializers. */

export const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

export interface FakeSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: SpanKind;
  service?: string;
  startMs?: number;
  durationMs?: number;
  attributes?: Attributes;
  links?: Link[];
  error?: string;
}

/** One resource per service, as in a real SDK: the serializers group a batch's spans by it. */
const resources = new Map<string, ReturnType<typeof resourceFromAttributes>>();
function resourceOf(service: string) {
  let resource = resources.get(service);
  if (!resource)
    resources.set(service, (resource = resourceFromAttributes({ 'service.name': service })));
  return resource;
}

const hr = (ms: number): [number, number] => {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
};

export function readableSpan(span: FakeSpan = {}): ReadableSpan {
  const traceId = span.traceId ?? hexId(16);
  const spanId = span.spanId ?? hexId(8);
  const startMs = span.startMs ?? Date.now();
  const durationMs = span.durationMs ?? 3;
  return {
    name: span.name ?? 'work',
    kind: span.kind ?? SpanKind.INTERNAL,
    spanContext: () => ({ traceId, spanId, traceFlags: 1 }),
    ...(span.parentSpanId
      ? { parentSpanContext: { traceId, spanId: span.parentSpanId, traceFlags: 1 } }
      : {}),
    startTime: hr(startMs),
    endTime: hr(startMs + durationMs),
    duration: hr(durationMs),
    status: span.error
      ? { code: SpanStatusCode.ERROR, message: span.error }
      : { code: SpanStatusCode.UNSET },
    attributes: span.attributes ?? {},
    links: span.links ?? [],
    events: [],
    ended: true,
    resource: resourceOf(span.service ?? 'orders'),
    instrumentationScope: { name: 'eventscope-test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

export function encodeJson(spans: ReadableSpan[]): Buffer {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('JsonTraceSerializer returned nothing');
  return Buffer.from(bytes);
}

export function encodeProtobuf(spans: ReadableSpan[]): Buffer {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('ProtobufTraceSerializer returned nothing');
  return Buffer.from(bytes);
}

/**
 * A realistic export batch: traces of 16 spans across 4 services, a Kafka produce and consume
 * per trace with messaging attributes and a correlation id.
 */
export function exportBatch(size: number, startMs = Date.now()): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  const services = ['orders', 'payments', 'shipping', 'gateway'];
  let traceId = hexId(16);
  let rootId = hexId(8);
  for (let i = 0; i < size; i++) {
    const position = i % 16;
    if (position === 0) {
      traceId = hexId(16);
      rootId = hexId(8);
    }
    const kind =
      position === 0
        ? SpanKind.SERVER
        : position === 5
          ? SpanKind.PRODUCER
          : position === 6
            ? SpanKind.CONSUMER
            : SpanKind.INTERNAL;
    spans.push(
      readableSpan({
        traceId,
        spanId: position === 0 ? rootId : hexId(8),
        ...(position === 0 ? {} : { parentSpanId: rootId }),
        name: `op-${position}`,
        kind,
        service: services[position % services.length] ?? 'orders',
        startMs: startMs + position,
        durationMs: 16 - position,
        attributes: {
          'http.request.method': 'POST',
          'messaging.system': 'kafka',
          'messaging.destination.name': 'orders',
          'messaging.destination.partition.id': String(i % 6),
          'messaging.kafka.offset': i,
          'messaging.message.conversation_id': `order-${traceId.slice(0, 8)}`,
        },
        ...(i % 97 === 0 ? { error: 'boom' } : {}),
      }),
    );
  }
  return spans;
}
