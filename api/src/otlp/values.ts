import type { AttributeValue, Attributes } from '@eventscope/shared';

/**
 * Readers for OTLP values as they arrive from either wire format: JSON (hex ids, int64 as
 * string or number, bytes as base64) or protobufjs messages (Uint8Array ids, Long int64).
 * Each returns undefined for a value of the wrong type; the caller names the field.
 */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** A field by its lowerCamelCase name or, as proto3 JSON parsers must accept, its proto name. */
export function field(o: Obj, camel: string, snake?: string): unknown {
  // Own properties only: protobufjs keeps defaults (and unset oneof members) on the prototype.
  if (Object.hasOwn(o, camel)) return o[camel];
  return snake !== undefined && Object.hasOwn(o, snake) ? o[snake] : undefined;
}

export function list(v: unknown): readonly unknown[] | undefined {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : undefined;
}

/** Ids: lowercase hex; '' when absent. Length and zero checks belong to the span schema. */
export function readId(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.toLowerCase();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.length).toString('hex');
  if (Array.isArray(v) && v.length === 0) return '';
  return undefined;
}

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
}

const isLong = (v: unknown): v is LongLike =>
  isObj(v) &&
  typeof v.low === 'number' &&
  typeof v.high === 'number' &&
  typeof v.unsigned === 'boolean';

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** int64/uint64/fixed64 as a bigint; 0 when absent, undefined when not an integer. */
export function readInt64(v: unknown): bigint | undefined {
  if (v === undefined || v === null) return 0n;
  let n: bigint;
  if (typeof v === 'string') {
    if (!/^-?\d{1,20}$/.test(v)) return undefined;
    n = BigInt(v);
  } else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return Number.isInteger(v) ? BigInt(v) : undefined;
    n = BigInt(v);
  } else if (isLong(v)) {
    n = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
    if (!v.unsigned && v.high < 0) n -= 2n ** 64n;
  } else return undefined;
  return n < INT64_MIN || n > UINT64_MAX ? undefined : n;
}

/** Enums arrive as integers or, in JSON, as their names. */
export function readEnum(v: unknown, names: readonly string[]): number | undefined {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string') {
    const index = names.indexOf(v);
    return index >= 0 ? index : undefined;
  }
  return undefined;
}

export const readString = (v: unknown): string | undefined =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : undefined;

const MAX_DEPTH = 4;
const SMALL_INT = /^-?\d{1,15}$/;

type Scalar = string | number | boolean;

/**
 * OTLP AnyValue → our attribute value. int64 beyond 2^53 stays a decimal string, bytes become
 * base64, key-value lists and nested arrays become JSON text (the model keeps values flat).
 */
export function anyValue(any: unknown, depth = 0): AttributeValue | undefined {
  if (!isObj(any)) return undefined;
  const s = field(any, 'stringValue', 'string_value');
  if (typeof s === 'string') return s;
  const b = field(any, 'boolValue', 'bool_value');
  if (typeof b === 'boolean') return b;
  const i = field(any, 'intValue', 'int_value');
  // Fast paths for the common small integers; readInt64 handles the rest exactly.
  if (typeof i === 'number' && Number.isSafeInteger(i)) return i;
  if (typeof i === 'string' && SMALL_INT.test(i)) return Number(i);
  if (i !== undefined && i !== null) {
    const n = readInt64(i);
    if (n === undefined) return undefined;
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(n)
      : n.toString();
  }
  const d = field(any, 'doubleValue', 'double_value');
  // Non-finite doubles (protobuf can carry them) are kept as OTLP/JSON spells them.
  if (typeof d === 'number') return Number.isFinite(d) ? d : String(d);
  if (typeof d === 'string' && /^(?:NaN|-?Infinity)$/.test(d)) return d;
  const bytes = field(any, 'bytesValue', 'bytes_value');
  if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString('base64');
  if (typeof bytes === 'string') return bytes;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  const array = field(any, 'arrayValue', 'array_value');
  if (isObj(array)) {
    const values = list(field(array, 'values'));
    if (!values) return undefined;
    const out: (Scalar | null)[] = [];
    for (const v of values) {
      const item = anyValue(v, depth + 1);
      if (item === undefined) return undefined;
      out.push(Array.isArray(item) ? JSON.stringify(item) : item);
    }
    return depth > 0 ? JSON.stringify(out) : out;
  }
  const kv = field(any, 'kvlistValue', 'kvlist_value');
  if (isObj(kv)) {
    const entries = list(field(kv, 'values'));
    if (!entries) return undefined;
    const record = keyValues(entries, depth + 1);
    return record ? JSON.stringify(record) : undefined;
  }
  // An empty AnyValue is allowed by the spec: an attribute with no value.
  return '';
}

/** A repeated KeyValue → record; undefined when an entry is malformed. */
export function keyValues(entries: readonly unknown[], depth = 0): Attributes | undefined {
  const out: Attributes = {};
  for (const entry of entries) {
    const key = isObj(entry) ? field(entry, 'key') : undefined;
    if (!isObj(entry) || typeof key !== 'string') return undefined;
    const value = anyValue(field(entry, 'value') ?? {}, depth);
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}
