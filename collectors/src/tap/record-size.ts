import type { IHeaders } from 'kafkajs';

function bytes(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** A record's size as the product reports it: key + value + header names and values, in bytes. */
export function recordSizeBytes(record: {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}): number {
  let total = bytes(record.key) + bytes(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    total += Buffer.byteLength(name);
    if (Array.isArray(value)) for (const v of value) total += bytes(v);
    else if (value !== undefined) total += bytes(value);
  }
  return total;
}
