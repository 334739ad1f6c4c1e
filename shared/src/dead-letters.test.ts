import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDeadLetterHeaders,
  decodeInt32BE,
  decodeInt64BE,
  headerString,
  utf8Decode,
  type RecordHeaders,
} from './dead-letters';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const utf8 = (s: string): Uint8Array => {
  // Encoding by hand keeps this test free of TextEncoder typings too.
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000)
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
  }
  return Uint8Array.from(out);
};

describe('decodeInt32BE', () => {
  it.each([
    { value: bytes(0, 0, 0, 7), expected: 7 },
    { value: bytes(0x7f, 0xff, 0xff, 0xff), expected: 2147483647 },
    { value: bytes(0xff, 0xff, 0xff, 0xff), expected: null }, // -1: no partition
    { value: bytes(0, 0, 7), expected: null }, // wrong length
    { value: bytes(0, 0, 0, 0, 7), expected: null },
    { value: '12', expected: 12 },
    { value: 'x1', expected: null },
    { value: null, expected: null },
  ])('$value → $expected', ({ value, expected }) => {
    expect(decodeInt32BE(value)).toBe(expected);
  });
});

describe('decodeInt64BE', () => {
  it.each([
    { value: bytes(0, 0, 0, 0, 0, 0, 0, 42), expected: '42' },
    { value: bytes(0, 0, 0x01, 0x1f, 0x71, 0xfb, 0x04, 0xcb), expected: '1234567890123' },
    {
      value: bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      expected: '9223372036854775807',
    },
    { value: bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), expected: null },
    { value: bytes(0, 0, 0, 42), expected: null },
    { value: '9223372036854775808', expected: null },
    { value: ' 17 ', expected: '17' },
    { value: '-1', expected: null },
  ])('$value → $expected', ({ value, expected }) => {
    expect(decodeInt64BE(value)).toBe(expected);
  });
});

describe('utf8Decode', () => {
  it('decodes multi-byte text and replaces invalid sequences', () => {
    expect(utf8Decode(utf8('Ünïcødé ✓ 🎉'))).toBe('Ünïcødé ✓ 🎉');
    expect(utf8Decode(bytes(0x61, 0xff, 0x62))).toBe('a\ufffdb');
    expect(utf8Decode(bytes(0xe2, 0x82))).toBe('\ufffd');
    expect(utf8Decode(bytes(0xed, 0xa0, 0x80))).toBe('\ufffd'); // surrogate
  });

  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Decode(utf8(s)) === s));
  });
});

describe('decodeDeadLetterHeaders', () => {
  const int32 = (n: number): Uint8Array => bytes(0, 0, (n >> 8) & 0xff, n & 0xff);
  const int64 = (n: bigint): Uint8Array =>
    Uint8Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * (7 - i))) & 0xffn));

  it('decodes Spring headers, matching keys case-insensitively', () => {
    const headers: RecordHeaders = {
      'kafka_dlt-original-topic': utf8('payments'),
      'KAFKA_DLT-ORIGINAL-PARTITION': int32(3),
      'kafka_dlt-original-offset': int64(1_234_567_890_123n),
      'kafka_dlt-original-timestamp': int64(1_700_000_000_000n),
      'kafka_dlt-original-consumer-group': 'payments-service',
      'kafka_dlt-exception-fqcn': [utf8('org.example.PoisonException'), utf8('ignored')],
      'kafka_dlt-exception-cause-fqcn': utf8('java.lang.IllegalStateException'),
      'kafka_dlt-exception-message': utf8('amount must be positive'),
    };
    expect(decodeDeadLetterHeaders(headers)).toEqual({
      convention: 'spring',
      originalTopic: 'payments',
      originalPartition: 3,
      originalOffset: '1234567890123',
      originalTimestamp: '2023-11-14T22:13:20.000Z',
      consumerGroup: 'payments-service',
      connectorName: null,
      exceptionClass: 'org.example.PoisonException',
      exceptionCauseClass: 'java.lang.IllegalStateException',
      exceptionMessage: 'amount must be positive',
    });
  });

  it('decodes Connect headers written as decimal strings', () => {
    const headers: RecordHeaders = {
      '__connect.errors.topic': utf8('orders'),
      '__connect.errors.partition': utf8('2'),
      '__connect.errors.offset': '9007199254740993',
      '__connect.errors.connector.name': 'jdbc-sink',
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
      '__connect.errors.exception.message': 'Converting byte[] to Kafka Connect data failed',
    };
    expect(decodeDeadLetterHeaders(headers)).toMatchObject({
      convention: 'connect',
      originalTopic: 'orders',
      originalPartition: 2,
      originalOffset: '9007199254740993',
      connectorName: 'jdbc-sink',
      exceptionClass: 'org.apache.kafka.connect.errors.DataException',
    });
  });

  it('yields null fields for malformed values and null for records without dead-letter headers', () => {
    const decoded = decodeDeadLetterHeaders({
      'kafka_dlt-original-partition': utf8('seven'),
      'kafka_dlt-original-offset': bytes(1, 2, 3),
      'kafka_dlt-original-timestamp': bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    });
    expect(decoded).toMatchObject({
      convention: 'spring',
      originalPartition: null,
      originalOffset: null,
      originalTimestamp: null,
      originalTopic: null,
    });
    expect(decodeDeadLetterHeaders({ 'correlation-id': 'c-1' })).toBeNull();
    expect(decodeDeadLetterHeaders(undefined)).toBeNull();
    expect(headerString({ 'X-Trace': ['a', 'b'] }, 'x-trace')).toBe('a');
  });

  it('never throws on arbitrary header maps', () => {
    const value = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.string(),
      fc.array(fc.oneof(fc.uint8Array({ maxLength: 9 }), fc.string()), { maxLength: 3 }),
      fc.constant(undefined),
    );
    const key = fc.oneof(
      fc.constantFrom(
        'kafka_dlt-original-partition',
        'KAFKA_DLT-ORIGINAL-OFFSET',
        'kafka_dlt-original-timestamp',
        'kafka_dlt-exception-fqcn',
        '__connect.errors.partition',
        '__connect.errors.offset',
        '__connect.errors.topic',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (headers) => {
        const decoded = decodeDeadLetterHeaders(headers);
        if (decoded === null) return true;
        const offsetOk =
          decoded.originalOffset === null || /^(0|[1-9][0-9]*)$/.test(decoded.originalOffset);
        const partitionOk =
          decoded.originalPartition === null || Number.isInteger(decoded.originalPartition);
        return offsetOk && partitionOk;
      }),
    );
  });
});
