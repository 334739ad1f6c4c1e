import {
  causationHeader,
  cloudEventHeaders,
  correlationHeaders,
  decodeDeadLetterHeaders,
  headerString,
  replayHeaders,
  traceHeaders,
  utf8Decode,
  type DeadLetterInfo,
  type HeaderValue,
  type RecordHeaders,
} from '@eventscope/shared';
import { parseTraceparent, type TraceContext } from './trace-context';

/** A record as the tap reads it (kafkajs' KafkaMessage plus where it was read). */
export interface TappedRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Epoch milliseconds as kafkajs reports them ("-1" when the record has none). */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeaders;
}

/** What the hop derivation needs from a record; the payload itself is not kept. */
export interface RecordFacts {
  topic: string;
  partition: number;
  offset: string;
  timestampMs: number;
  key: string | null;
  /** Key + value + header names and values, in bytes. */
  sizeBytes: number;
  valueBytes: number;
  trace: TraceContext | null;
  correlationId: string | null;
  /** CloudEvents `id` and the causation id (the `id` of the event that caused this one). */
  eventId: string | null;
  causationId: string | null;
  deadLetter: DeadLetterInfo | null;
  /** Eventscope's replay marks, header name → value. */
  replay: Record<string, string>;
}

/** Longer ids cannot be looked up through the API (its id limit), so they are not ids. */
const MAX_ID_LENGTH = 512;
const MAX_KEY_LENGTH = 256;
/** Structured-mode CloudEvents bodies larger than this are not parsed for their attributes. */
const MAX_STRUCTURED_BYTES = 64 * 1024;
/** 9999-12-31T23:59:59.999Z: later (or negative) timestamps are not times. */
const MAX_TIMESTAMP_MS = 253_402_300_799_999;

function idOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= MAX_ID_LENGTH ? trimmed : null;
}

function bytes(value: HeaderValue | null): number {
  if (value === null) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function headerValues(raw: RecordHeaders[string]): readonly HeaderValue[] {
  if (raw === null || raw === undefined) return [];
  return typeof raw === 'string' || raw instanceof Uint8Array ? [raw] : raw;
}

function sizeOf(record: TappedRecord): number {
  let total = bytes(record.key) + bytes(record.value);
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    total += Buffer.byteLength(name);
    for (const value of headerValues(raw)) total += bytes(value);
  }
  return total;
}

/** The key as text; a binary key (not UTF-8) as `0x…` hex. Truncated for display. */
function keyText(key: Buffer | null): string | null {
  if (key === null || key.length === 0) return null;
  const text = utf8Decode(key);
  const shown = text.includes('\ufffd') ? `0x${key.subarray(0, 64).toString('hex')}` : text;
  return shown.length > MAX_KEY_LENGTH ? `${shown.slice(0, MAX_KEY_LENGTH)}…` : shown;
}

interface StructuredEvent {
  id: string | null;
  correlationId: string | null;
  causationId: string | null;
  traceparent: string | null;
}

const text = (o: Record<string, unknown>, name: string): string | null =>
  typeof o[name] === 'string' ? o[name] : null;

/** CloudEvents structured mode: the attributes are in the JSON body. */
function structuredEvent(record: TappedRecord): StructuredEvent | null {
  const contentType = headerString(record.headers, 'content-type');
  if (!contentType?.toLowerCase().startsWith('application/cloudevents')) return null;
  if (!record.value || record.value.length > MAX_STRUCTURED_BYTES) return null;
  try {
    const parsed: unknown = JSON.parse(record.value.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const o = parsed as Record<string, unknown>;
    return {
      id: text(o, 'id'),
      correlationId: text(o, 'correlationid'),
      causationId: text(o, 'causationid'),
      traceparent: text(o, 'traceparent'),
    };
  } catch {
    return null;
  }
}

/** Dead-letter header names start with these (Spring, Kafka Connect): a cheap test before decoding. */
const DEAD_LETTER_PREFIXES = ['kafka_dlt-', '__connect.errors.'];

function mayBeDeadLetter(headers: RecordHeaders | undefined): boolean {
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (DEAD_LETTER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  }
  return false;
}

function firstHeader(headers: RecordHeaders | undefined, names: readonly string[]) {
  for (const name of names) {
    const value = idOf(headerString(headers, name));
    if (value) return value;
  }
  return null;
}

/**
 * The facts of one record: trace context (W3C `traceparent`, header names in any case, values
 * Buffer or string; or the CloudEvents distributed-tracing extension in structured mode),
 * correlation id (DESIGN.md order, first match wins), CloudEvents id and causation id,
 * dead-letter origin and replay marks. `observedAtMs` stands in for a missing timestamp.
 */
export function recordFacts(record: TappedRecord, observedAtMs: number): RecordFacts {
  const headers = record.headers;
  const structured = structuredEvent(record);
  const timestamp = Number(record.timestamp);
  const replay: Record<string, string> = {};
  for (const name of Object.values(replayHeaders)) {
    const value = headerString(headers, name);
    if (value !== null) replay[name] = value.slice(0, MAX_ID_LENGTH);
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestampMs:
      Number.isInteger(timestamp) && timestamp >= 0 && timestamp <= MAX_TIMESTAMP_MS
        ? timestamp
        : observedAtMs,
    key: keyText(record.key),
    sizeBytes: sizeOf(record),
    valueBytes: bytes(record.value),
    trace:
      parseTraceparent(headerString(headers, traceHeaders.traceparent)) ??
      parseTraceparent(structured?.traceparent),
    correlationId: firstHeader(headers, correlationHeaders) ?? idOf(structured?.correlationId),
    eventId: idOf(headerString(headers, cloudEventHeaders.id)) ?? idOf(structured?.id),
    causationId: idOf(headerString(headers, causationHeader)) ?? idOf(structured?.causationId),
    deadLetter: mayBeDeadLetter(headers) ? decodeDeadLetterHeaders(headers) : null,
    replay,
  };
}

/** Whether a record can take part in a timeline: it carries a trace context or correlation id, or is a dead letter (joined through its origin). */
export function isTraceable(facts: RecordFacts): boolean {
  return facts.trace !== null || facts.correlationId !== null || facts.deadLetter !== null;
}
