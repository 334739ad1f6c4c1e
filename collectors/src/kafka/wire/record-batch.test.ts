import { createRecordsBatch, crc32c, readRecordsBatch, Reader } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { BATCH_OVERHEAD, encodeRecordBatch, recordSize, type OutgoingRecord } from './record-batch';

const producer = { producerId: 4242n, producerEpoch: 7, baseSequence: 1000, transactional: true };
const at = 1_760_000_000_000;

function decode(buf: Buffer) {
  return readRecordsBatch(Reader.from(buf));
}

const text = (b: Buffer | null | undefined) => (b ? b.toString('utf8') : b);

describe('encodeRecordBatch', () => {
  it('writes a batch any Kafka reader decodes: header fields, CRC, keys, values, headers in order', () => {
    const records: OutgoingRecord[] = [
      {
        key: Buffer.from('k-0'),
        value: Buffer.from('{"i":0}'),
        headers: { a: 'x', b: Buffer.from([0, 255]) },
      },
      { key: null, value: null, headers: {} },
      {
        key: Buffer.alloc(0),
        value: Buffer.alloc(300, 7),
        headers: { multi: ['1', Buffer.from('2')], ünï: 'çødé ✓' },
      },
    ];
    const buf = encodeRecordBatch(records, producer, at);
    const batch = decode(buf);
    expect(batch).toMatchObject({
      firstOffset: 0n,
      length: buf.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      attributes: 16,
      lastOffsetDelta: 2,
      firstTimestamp: BigInt(at),
      maxTimestamp: BigInt(at),
      producerId: 4242n,
      producerEpoch: 7,
      firstSequence: 1000,
    });
    expect(batch.crc).toBe(crc32c(buf.subarray(21)) >>> 0);
    expect(batch.records).toHaveLength(3);
    const [r0, r1, r2] = batch.records;
    expect(r0?.offsetDelta).toBe(0);
    expect(text(r0?.key)).toBe('k-0');
    expect(text(r0?.value)).toBe('{"i":0}');
    expect(r0?.headers.map(([k, v]) => [text(k), v])).toEqual([
      ['a', Buffer.from('x')],
      ['b', Buffer.from([0, 255])],
    ]);
    // Null key and value are length -1; an empty key stays an empty key.
    expect(r1?.offsetDelta).toBe(1);
    expect(r1?.key).toBeNull();
    expect(r1?.value).toBeNull();
    expect(r2?.key).toEqual(Buffer.alloc(0));
    expect(r1?.headers).toEqual([]);
    expect(r2?.value).toEqual(Buffer.alloc(300, 7));
    expect(r2?.headers.map(([k, v]) => [text(k), text(v)])).toEqual([
      ['multi', '1'],
      ['multi', '2'],
      ['ünï', 'çødé ✓'],
    ]);
    expect(buf.readInt8(16)).toBe(2);
    expect(buf.readInt32BE(57)).toBe(3);
  });

  it('record bytes are those of the reference encoder, for large batches too (multi-byte varints)', () => {
    const records: OutgoingRecord[] = Array.from({ length: 700 }, (_, i) => ({
      key: Buffer.from(`key-${i}`),
      value: Buffer.alloc(i * 3, i & 0xff),
      headers: { 'kafka_dlt-original-offset': Buffer.alloc(8, i & 0xff), traceparent: `00-${i}` },
    }));
    const ours = encodeRecordBatch(records, { ...producer, transactional: false }, at);
    const reference = createRecordsBatch(
      records.map((r) => ({
        topic: 't',
        key: r.key ?? undefined,
        value: r.value ?? Buffer.alloc(0),
        timestamp: BigInt(at),
        headers: new Map(
          Object.entries(r.headers).map(([k, v]) => [Buffer.from(k), Buffer.from(v as string)]),
        ),
      })),
      { producerId: producer.producerId, producerEpoch: producer.producerEpoch },
    ).buffer;
    // The record section must match byte for byte (the batch headers differ in epoch/sequence).
    expect(ours.subarray(BATCH_OVERHEAD).equals(reference.subarray(BATCH_OVERHEAD))).toBe(true);
    expect(decode(ours).attributes).toBe(0);
  });

  it('recordSize is the encoded size of a record at a small offset delta', () => {
    const r: OutgoingRecord = {
      key: Buffer.from('k'),
      value: Buffer.alloc(200),
      headers: { h: 'v' },
    };
    const one = encodeRecordBatch([r], producer, at);
    expect(recordSize(r)).toBe(one.length - BATCH_OVERHEAD);
  });

  it('refuses an empty batch', () => {
    expect(() => encodeRecordBatch([], producer)).toThrow(/at least one record/);
  });
});
