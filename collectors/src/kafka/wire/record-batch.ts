import { crc32c } from '@platformatic/kafka';

/**
 * Encodes a Kafka record batch (magic 2, uncompressed) into one buffer sized up front: the only
 * allocation per batch, key, value and header bytes copied straight in. Clients encode a record
 * through a chain of small buffers (kafkajs zero-fills 512 bytes per header); at ~11 headers a
 * record that was most of the replay's CPU (docs/adr/0008-replay-producer.md).
 */

export type HeaderBytes = Buffer | string;

/** Header name → value (or values, each its own header). Strings are written as UTF-8. */
export type OutgoingHeaders = Readonly<Record<string, HeaderBytes | readonly HeaderBytes[]>>;

export interface OutgoingRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: OutgoingHeaders;
}

export interface BatchProducer {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
}

/** Bytes before the first record: baseOffset … recordCount. */
export const BATCH_OVERHEAD = 61;
/** The CRC covers everything from the attributes on. */
const CRC_FROM = 21;
const TRANSACTIONAL = 1 << 4;

const zigzag = (n: number): number => ((n << 1) ^ (n >> 31)) >>> 0;

function varintSize(n: number): number {
  let z = zigzag(n);
  let size = 1;
  while (z > 0x7f) {
    size++;
    z >>>= 7;
  }
  return size;
}

function writeVarint(buf: Buffer, at: number, n: number): number {
  let z = zigzag(n);
  while (z > 0x7f) {
    buf[at++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[at++] = z;
  return at;
}

/** UTF-8 bytes of header names, which repeat record after record (bounded: names are few). */
const names = new Map<string, Buffer>();

function nameBytes(name: string): Buffer {
  let bytes = names.get(name);
  if (!bytes) {
    if (names.size >= 1024) names.clear();
    bytes = Buffer.from(name, 'utf8');
    names.set(name, bytes);
  }
  return bytes;
}

/** Byte length of a string as UTF-8; ASCII (all of our own header values) without a native call. */
function utf8Length(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s);
  return s.length;
}

const byteLength = (v: HeaderBytes): number => (typeof v === 'string' ? utf8Length(v) : v.length);

function bytesSize(length: number): number {
  return length < 0 ? 1 : varintSize(length) + length;
}

/** Size of a record without its length prefix (timestamp delta 0). */
function bodySize(r: OutgoingRecord, offsetDelta: number): number {
  let size =
    2 + // attributes, timestamp delta
    varintSize(offsetDelta) +
    bytesSize(r.key ? r.key.length : -1) +
    bytesSize(r.value ? r.value.length : -1);
  let count = 0;
  for (const name in r.headers) {
    const raw = r.headers[name];
    if (raw === undefined) continue;
    const nameSize = bytesSize(nameBytes(name).length);
    if (Array.isArray(raw)) {
      for (const v of raw as readonly HeaderBytes[]) size += nameSize + bytesSize(byteLength(v));
      count += raw.length;
    } else {
      size += nameSize + bytesSize(byteLength(raw as HeaderBytes));
      count++;
    }
  }
  return size + varintSize(count);
}

/** Roughly what a record adds to a batch (exact for offset deltas under 64). */
export function recordSize(r: OutgoingRecord): number {
  const body = bodySize(r, 0);
  return varintSize(body) + body;
}

/** Short copies are cheaper as a loop than through Buffer#copy's native call. */
function copyInto(buf: Buffer, at: number, src: Uint8Array): number {
  const n = src.length;
  if (n > 32) {
    buf.set(src, at);
    return at + n;
  }
  for (let i = 0; i < n; i++) buf[at + i] = src[i] as number;
  return at + n;
}

function writeBytes(buf: Buffer, at: number, v: HeaderBytes | null): number {
  if (v === null) return writeVarint(buf, at, -1);
  if (typeof v !== 'string') return copyInto(buf, writeVarint(buf, at, v.length), v);
  const length = utf8Length(v);
  at = writeVarint(buf, at, length);
  if (length !== v.length) return at + buf.write(v, at, length, 'utf8');
  for (let i = 0; i < length; i++) buf[at + i] = v.charCodeAt(i);
  return at + length;
}

function writeRecord(buf: Buffer, at: number, r: OutgoingRecord, delta: number, body: number) {
  at = writeVarint(buf, at, body);
  buf[at++] = 0; // attributes
  buf[at++] = 0; // timestamp delta: every record has the batch's timestamp
  at = writeVarint(buf, at, delta);
  at = writeBytes(buf, at, r.key);
  at = writeBytes(buf, at, r.value);
  let count = 0;
  for (const name in r.headers) {
    const raw = r.headers[name];
    if (raw !== undefined) count += Array.isArray(raw) ? raw.length : 1;
  }
  at = writeVarint(buf, at, count);
  for (const name in r.headers) {
    const raw = r.headers[name];
    if (raw === undefined) continue;
    const key = nameBytes(name);
    if (Array.isArray(raw)) {
      for (const v of raw as readonly HeaderBytes[]) {
        at = writeBytes(buf, at, key);
        at = writeBytes(buf, at, v);
      }
    } else {
      at = writeBytes(buf, at, key);
      at = writeBytes(buf, at, raw as HeaderBytes);
    }
  }
  return at;
}

/** One record batch holding `records` in order, stamped with the producer's id, epoch and sequence. */
export function encodeRecordBatch(
  records: readonly OutgoingRecord[],
  producer: BatchProducer,
  timestamp: number = Date.now(),
): Buffer {
  if (records.length === 0) throw new Error('a record batch needs at least one record');
  const bodies = new Int32Array(records.length);
  let size = BATCH_OVERHEAD;
  for (let i = 0; i < records.length; i++) {
    const body = bodySize(records[i] as OutgoingRecord, i);
    bodies[i] = body;
    size += varintSize(body) + body;
  }
  const buf = Buffer.allocUnsafe(size);
  const ts = BigInt(timestamp);
  buf.writeBigInt64BE(0n, 0); // base offset: the broker assigns it
  buf.writeInt32BE(size - 12, 8); // batch length: everything after this field
  buf.writeInt32BE(-1, 12); // partition leader epoch: set by the broker
  buf.writeInt8(2, 16); // magic
  buf.writeInt16BE(producer.transactional ? TRANSACTIONAL : 0, 21);
  buf.writeInt32BE(records.length - 1, 23); // last offset delta
  buf.writeBigInt64BE(ts, 27); // base timestamp
  buf.writeBigInt64BE(ts, 35); // max timestamp
  buf.writeBigInt64BE(producer.producerId, 43);
  buf.writeInt16BE(producer.producerEpoch, 51);
  buf.writeInt32BE(producer.baseSequence, 53);
  buf.writeInt32BE(records.length, 57);
  let at = BATCH_OVERHEAD;
  for (let i = 0; i < records.length; i++)
    at = writeRecord(buf, at, records[i] as OutgoingRecord, i, bodies[i] ?? 0);
  if (at !== size) throw new Error(`record batch encoding wrote ${at} of ${size} bytes`);
  buf.writeUInt32BE(crc32c(buf.subarray(CRC_FROM)) >>> 0, 17);
  return buf;
}
