import {
  connectDlqHeaders,
  decodeDeadLetterHeaders,
  decodeInt32BE,
  decodeInt64BE,
  headerString,
  springDltHeaders,
  traceHeaders,
  type DecodedHeader,
  type DlqMessage,
  type HeaderValue,
  type PayloadEncoding,
} from '@eventscope/shared';
import { correlationIdOf } from './replay-message';
import { replayCountOf } from './selection';
import { parseTraceparent } from '../hops/trace-context';
import type { DlqRecord } from './types';

/**
 * How a dead letter is shown: payload as pretty JSON, text or hex (binary, non-UTF-8), headers
 * decoded (Spring's binary ints/longs, Connect's decimal strings), origin and error from the
 * dead-letter headers. Everything a user reads passes through `mask` first.
 */

export interface RenderMask {
  json(value: unknown): unknown;
  text(text: string): string;
  headers(headers: Record<string, string>): Record<string, string>;
}

export const noMask: RenderMask = { json: (v) => v, text: (t) => t, headers: (h) => h };

/** Payload bytes shown at most; the replay always copies every byte. */
export const DISPLAY_LIMIT_BYTES = 32 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are valid UTF-8 without control characters (other than tab/CR/LF). */
export function asText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

export interface RenderedPayload {
  value: string | null;
  encoding: PayloadEncoding;
  truncated: boolean;
}

/** JSON objects and arrays pretty-printed (masked by path), other text masked, binary as hex. */
export function renderPayload(
  bytes: Buffer | null,
  mask: RenderMask,
  limit = DISPLAY_LIMIT_BYTES,
  json = true,
): RenderedPayload {
  if (bytes === null) return { value: null, encoding: 'null', truncated: false };
  const truncated = bytes.length > limit;
  const shown = truncated ? bytes.subarray(0, limit) : bytes;
  // A multi-byte character cut by the limit is not a reason to show hex.
  const text =
    asText(shown) ?? (truncated ? asText(shown.subarray(0, Math.max(0, limit - 3))) : null);
  if (text === null) return { value: shown.toString('hex'), encoding: 'hex', truncated };
  if (json && !truncated && /^\s*[[{]/.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text);
      return {
        value: JSON.stringify(mask.json(parsed), null, 2),
        encoding: 'json',
        truncated: false,
      };
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return { value: mask.text(text), encoding: 'text', truncated };
}

const int32Headers = new Set([springDltHeaders.originalPartition.toLowerCase()]);
const int64Headers = new Set([springDltHeaders.originalOffset.toLowerCase()]);
const timeHeaders = new Set([springDltHeaders.originalTimestamp.toLowerCase()]);
const decimalHeaders = new Set(
  [connectDlqHeaders.partition, connectDlqHeaders.offset].map((h) => h.toLowerCase()),
);

function decodedValue(name: string, value: HeaderValue): string | undefined {
  const lower = name.toLowerCase();
  if (int32Headers.has(lower)) return decodeInt32BE(value)?.toString();
  if (int64Headers.has(lower)) return decodeInt64BE(value) ?? undefined;
  if (decimalHeaders.has(lower)) {
    const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
    return decodeInt64BE(text) ?? undefined;
  }
  if (timeHeaders.has(lower)) {
    const ms = decodeInt64BE(value);
    if (ms === null || BigInt(ms) > 8_640_000_000_000_000n) return undefined;
    return new Date(Number(ms)).toISOString();
  }
  return undefined;
}

export function decodeHeaders(
  headers: DlqRecord['headers'],
  mask: RenderMask = noMask,
): DecodedHeader[] {
  const out: DecodedHeader[] = [];
  for (const [key, raw] of Object.entries(headers)) {
    if (raw === null || raw === undefined) continue;
    const values: readonly HeaderValue[] = Array.isArray(raw) ? raw : [raw as HeaderValue];
    for (const v of values) {
      const bytes =
        typeof v === 'string' ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const text = asText(bytes);
      const decoded = decodedValue(key, v);
      const masked = mask.headers({ [key]: text ?? bytes.toString('hex') })[key] ?? '';
      out.push({
        key,
        value: masked,
        encoding: text === null ? 'hex' : 'utf8',
        ...(decoded !== undefined ? { decoded } : {}),
      });
    }
  }
  return out;
}

function headerBytes(headers: DlqRecord['headers']): number {
  let total = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === null || raw === undefined) continue;
    total += Buffer.byteLength(name);
    const values: readonly HeaderValue[] = Array.isArray(raw) ? raw : [raw as HeaderValue];
    for (const v of values) total += typeof v === 'string' ? Buffer.byteLength(v) : v.byteLength;
  }
  return total;
}

function timestampIso(ms: string): string {
  const n = Number(ms);
  return Number.isFinite(n) && Math.abs(n) <= 8.64e15
    ? new Date(n).toISOString()
    : new Date(0).toISOString();
}

/** One dead letter for the browser and dry-run samples; `handled` is filled in by the caller. */
export function renderDlqMessage(record: DlqRecord, mask: RenderMask = noMask): DlqMessage {
  const info = decodeDeadLetterHeaders(record.headers);
  const value = renderPayload(record.value, mask);
  const key = renderPayload(record.key, mask, 4096, false);
  const correlationId = correlationIdOf(record);
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: timestampIso(record.timestamp),
    key: key.value,
    keyEncoding: key.encoding,
    headers: decodeHeaders(record.headers, mask),
    value: value.value,
    valueEncoding: value.encoding,
    valueTruncated: value.truncated,
    sizeBytes:
      (record.key?.length ?? 0) + (record.value?.length ?? 0) + headerBytes(record.headers),
    convention: info?.convention ?? null,
    origin: info?.originalTopic
      ? {
          topic: info.originalTopic,
          partition: info.originalPartition,
          offset: info.originalOffset,
        }
      : null,
    error: info
      ? {
          class: info.exceptionClass,
          message: info.exceptionMessage === null ? null : mask.text(info.exceptionMessage),
        }
      : null,
    consumerGroup: info?.consumerGroup ?? null,
    correlationId: correlationId === null ? null : mask.text(correlationId),
    traceId:
      parseTraceparent(headerString(record.headers, traceHeaders.traceparent))?.traceId ?? null,
    replayCount: replayCountOf(record),
    handled: null,
  };
}
