import {
  connectDlqHeaders,
  springDltHeaders,
  utf8Decode,
  type HeaderValue,
} from '@eventscope/shared';
import type { DlqRecord } from './types';

/**
 * A record's headers indexed once by lowercase name (first value wins), so the several
 * lookups a replay makes per record (origin, error class, replay count, trace context,
 * correlation id) cost one pass, not one pass each. Memoised per headers object.
 */

export type HeaderIndex = ReadonlyMap<string, HeaderValue>;

const cache = new WeakMap<object, HeaderIndex>();
/** Lowercased header names: the same few names come with every record (bounded). */
const lowered = new Map<string, string>();

function lowerName(name: string): string {
  let l = lowered.get(name);
  if (l === undefined) {
    if (lowered.size >= 1024) lowered.clear();
    l = name.toLowerCase();
    lowered.set(name, l);
  }
  return l;
}

export function headerIndex(headers: DlqRecord['headers']): HeaderIndex {
  const hit = cache.get(headers);
  if (hit) return hit;
  const index = new Map<string, HeaderValue>();
  for (const key in headers) {
    const raw = headers[key];
    if (raw === null || raw === undefined) continue;
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' && !(value instanceof Uint8Array)) continue;
    const name = lowerName(key);
    if (!index.has(name)) index.set(name, value);
  }
  cache.set(headers, index);
  return index;
}

export function indexString(index: HeaderIndex, name: string): string | null {
  const value = index.get(name.toLowerCase());
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  return Buffer.isBuffer(value) ? value.toString('utf8') : utf8Decode(value);
}

const lower = (names: Record<string, string>): string[] =>
  Object.values(names).map((n) => n.toLowerCase());
const springNames = lower(springDltHeaders);
const connectNames = lower(connectDlqHeaders);

/** What a replay decides on: the origin topic and the exception class (Spring first, then Connect). */
export interface DeadLetterEssentials {
  originalTopic: string | null;
  exceptionClass: string | null;
}

export function deadLetterEssentials(index: HeaderIndex): DeadLetterEssentials | null {
  if (springNames.some((n) => index.has(n)))
    return {
      originalTopic: indexString(index, springDltHeaders.originalTopic),
      exceptionClass: indexString(index, springDltHeaders.exceptionClass),
    };
  if (connectNames.some((n) => index.has(n)))
    return {
      originalTopic: indexString(index, connectDlqHeaders.topic),
      exceptionClass: indexString(index, connectDlqHeaders.exceptionClass),
    };
  return null;
}
