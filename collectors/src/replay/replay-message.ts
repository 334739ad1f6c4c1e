import {
  correlationHeaders,
  replayHeaders,
  traceHeaders,
  type HeaderValue,
} from '@eventscope/shared';
import type { HeaderBytes, OutgoingRecord } from '../kafka/wire/record-batch';
import { headerIndex, indexString } from './record-headers';
import { replayCountOf } from './selection';
import { parseTraceparent } from '../hops/trace-context';
import { formatTraceparent, replayTraceparent } from './trace-context';
import type { DlqRecord, ReplayTrace } from './types';

/**
 * The record a replay produces for one dead letter: key and value bytes untouched, every
 * original header kept (all values, as bytes), the replay marks of DESIGN.md set, and a fresh
 * `traceparent` whose span links to the original one.
 */

const replaced = new Set(
  [traceHeaders.traceparent, ...Object.values(replayHeaders)].map((h) => h.toLowerCase()),
);
/** Header name → replaced or kept; names repeat record after record (bounded: names are few). */
const verdicts = new Map<string, boolean>();

function isReplaced(name: string): boolean {
  let verdict = verdicts.get(name);
  if (verdict === undefined) {
    if (verdicts.size >= 1024) verdicts.clear();
    verdict = replaced.has(name.toLowerCase());
    verdicts.set(name, verdict);
  }
  return verdict;
}

function asBuffer(value: HeaderValue): HeaderBytes {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

export function correlationIdOf(record: Pick<DlqRecord, 'headers'>): string | null {
  const index = headerIndex(record.headers);
  for (const name of correlationHeaders) {
    const value = indexString(index, name);
    if (value) return value;
  }
  return null;
}

export interface ReplayMessage {
  message: OutgoingRecord;
  trace: ReplayTrace;
  /** Roughly what the record adds to a produce request, for packing requests under limits. */
  bytes: number;
}

const len = (v: Buffer | string | null | undefined): number =>
  v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;

export function replayMessage(
  record: DlqRecord,
  replayId: string,
  dlqTopic: string,
): ReplayMessage {
  const headers: Record<string, HeaderBytes | HeaderBytes[]> = {};
  let bytes = 70 + len(record.key) + len(record.value);
  for (const name in record.headers) {
    const raw = record.headers[name];
    if (raw === null || raw === undefined || isReplaced(name)) continue;
    if (Array.isArray(raw)) {
      const values = raw.map((v: HeaderValue) => asBuffer(v));
      headers[name] = values;
      for (const v of values) bytes += 10 + name.length + len(v);
    } else {
      const value = asBuffer(raw as HeaderValue);
      headers[name] = value;
      bytes += 10 + name.length + len(value);
    }
  }
  const original = parseTraceparent(
    indexString(headerIndex(record.headers), traceHeaders.traceparent),
  );
  const fresh = replayTraceparent(original, replayId, dlqTopic, record.partition, record.offset);
  headers[traceHeaders.traceparent] = formatTraceparent(fresh);
  headers[replayHeaders.replayId] = replayId;
  headers[replayHeaders.replayCount] = String(replayCountOf(record) + 1);
  headers[replayHeaders.replayedFrom] = `${dlqTopic}/${record.partition}/${record.offset}`;
  // The four headers set above: names and values are ASCII, ~200 bytes together.
  bytes += 200 + replayId.length + dlqTopic.length;
  return {
    bytes,
    message: { key: record.key, value: record.value, headers },
    trace: {
      traceId: fresh.traceId,
      spanId: fresh.spanId,
      linked: original ? { traceId: original.traceId, spanId: original.spanId } : null,
      correlationId: correlationIdOf(record),
    },
  };
}
