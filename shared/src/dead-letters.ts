import { connectDlqHeaders, springDltHeaders } from './headers';

/**
 * Decodes the dead-letter headers Spring Kafka and Kafka Connect write (DESIGN.md
 * "Conventions read from records"). Pure and browser-safe: values are Uint8Array (Node
 * Buffers are Uint8Arrays) or strings. Keys are compared case-insensitively. A malformed
 * value decodes to null; nothing here throws.
 */

export type HeaderValue = Uint8Array | string;
/** kafkajs' IHeaders shape: a value, several values, or undefined. */
export type RecordHeaders = Readonly<
  Record<string, HeaderValue | readonly HeaderValue[] | null | undefined>
>;

export type DeadLetterConvention = 'spring' | 'connect';

export interface DeadLetterInfo {
  convention: DeadLetterConvention;
  originalTopic: string | null;
  originalPartition: number | null;
  /** int64 decimal string. */
  originalOffset: string | null;
  /** ISO-8601; Spring only. */
  originalTimestamp: string | null;
  consumerGroup: string | null;
  connectorName: string | null;
  exceptionClass: string | null;
  exceptionCauseClass: string | null;
  exceptionMessage: string | null;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT32_MAX = 2 ** 31 - 1;
// Date's range: ±8.64e15 ms.
const MAX_EPOCH_MS = 8_640_000_000_000_000n;

/** The first value of a header, matching the name case-insensitively; null when absent. */
export function headerValue(headers: RecordHeaders | undefined, name: string): HeaderValue | null {
  if (!headers) return null;
  const wanted = name.toLowerCase();
  for (const [key, raw] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || raw === null || raw === undefined) continue;
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string' || value instanceof Uint8Array) return value;
  }
  return null;
}

/** A UTF-8 lead byte: how many continuation bytes follow, its payload bits, the smallest legal code point. */
function leadByte(b: number): { need: number; bits: number; min: number } | null {
  if (b >= 0xc2 && b <= 0xdf) return { need: 1, bits: b & 0x1f, min: 0x80 };
  if (b >= 0xe0 && b <= 0xef) return { need: 2, bits: b & 0x0f, min: 0x800 };
  if (b >= 0xf0 && b <= 0xf4) return { need: 3, bits: b & 0x07, min: 0x10000 };
  return null;
}

/** Strict UTF-8 decoding by hand (shared/ has no TextDecoder typing); invalid sequences → U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
      continue;
    }
    const lead = leadByte(b0);
    if (lead === null) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    const { need, min } = lead;
    let cp = lead.bits;
    let ok = true;
    let j = 1;
    for (; ok && j <= need; j++) {
      const b = bytes[i + j];
      if (b === undefined || (b & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i += Math.max(1, j);
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export function headerString(headers: RecordHeaders | undefined, name: string): string | null {
  const value = headerValue(headers, name);
  if (value === null) return null;
  return typeof value === 'string' ? value : utf8Decode(value);
}

function bigEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** A 4-byte big-endian signed int (Spring's partition header); non-negative only. */
export function decodeInt32BE(value: HeaderValue | null): number | null {
  if (value === null) return null;
  if (typeof value === 'string') return decimal(value, BigInt(INT32_MAX), (n) => Number(n));
  if (value.length !== 4) return null;
  const n = Number(bigEndian(value));
  return n > INT32_MAX ? null : n;
}

/** An 8-byte big-endian signed long as a decimal string; negative values (Kafka's -1 "none") → null. */
export function decodeInt64BE(value: HeaderValue | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return decimal(value, INT64_MAX, (n) => n.toString());
  if (value.length !== 8) return null;
  const n = bigEndian(value);
  return n > INT64_MAX ? null : n.toString();
}

/** A non-negative decimal integer written as text (Connect's headers), or null. */
function decimal<T>(text: string, max: bigint, to: (n: bigint) => T): T | null {
  const trimmed = text.trim();
  if (!/^[0-9]{1,19}$/.test(trimmed)) return null;
  const n = BigInt(trimmed);
  return n > max ? null : to(n);
}

function decimalHeader(value: HeaderValue | null, max: bigint): bigint | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value : utf8Decode(value);
  return decimal(text, max, (n) => n);
}

function epochMsToIso(ms: string | null): string | null {
  if (ms === null) return null;
  const n = BigInt(ms);
  return n > MAX_EPOCH_MS ? null : new Date(Number(n)).toISOString();
}

function decodeSpring(headers: RecordHeaders): DeadLetterInfo {
  const h = springDltHeaders;
  return {
    convention: 'spring',
    originalTopic: headerString(headers, h.originalTopic),
    originalPartition: decodeInt32BE(headerValue(headers, h.originalPartition)),
    originalOffset: decodeInt64BE(headerValue(headers, h.originalOffset)),
    originalTimestamp: epochMsToIso(decodeInt64BE(headerValue(headers, h.originalTimestamp))),
    consumerGroup: headerString(headers, h.originalConsumerGroup),
    connectorName: null,
    exceptionClass: headerString(headers, h.exceptionClass),
    exceptionCauseClass: headerString(headers, h.exceptionCauseClass),
    exceptionMessage: headerString(headers, h.exceptionMessage),
  };
}

function decodeConnect(headers: RecordHeaders): DeadLetterInfo {
  const h = connectDlqHeaders;
  const partition = decimalHeader(headerValue(headers, h.partition), BigInt(INT32_MAX));
  const offset = decimalHeader(headerValue(headers, h.offset), INT64_MAX);
  return {
    convention: 'connect',
    originalTopic: headerString(headers, h.topic),
    originalPartition: partition === null ? null : Number(partition),
    originalOffset: offset === null ? null : offset.toString(),
    originalTimestamp: null,
    consumerGroup: null,
    connectorName: headerString(headers, h.connectorName),
    exceptionClass: headerString(headers, h.exceptionClass),
    exceptionCauseClass: null,
    exceptionMessage: headerString(headers, h.exceptionMessage),
  };
}

function hasAny(headers: RecordHeaders, names: Record<string, string>): boolean {
  return Object.values(names).some((name) => headerValue(headers, name) !== null);
}

/** Which dead-letter convention a record's headers follow, if any (Spring first). */
export function deadLetterConvention(
  headers: RecordHeaders | undefined,
): DeadLetterConvention | null {
  if (!headers) return null;
  if (hasAny(headers, springDltHeaders)) return 'spring';
  if (hasAny(headers, connectDlqHeaders)) return 'connect';
  return null;
}

/** Decodes a record's dead-letter headers; null when the record carries none. */
export function decodeDeadLetterHeaders(headers: RecordHeaders | undefined): DeadLetterInfo | null {
  const convention = deadLetterConvention(headers);
  if (!headers || convention === null) return null;
  return convention === 'spring' ? decodeSpring(headers) : decodeConnect(headers);
}
