import { describe, expect, it } from 'vitest';
import { asText, decodeHeaders, renderDlqMessage, renderPayload, type RenderMask } from './render';
import type { DlqRecord } from './types';

const mask: RenderMask = {
  json: (v) => (typeof v === 'object' && v !== null ? { ...v, card: '***' } : v),
  text: (t) => t.replaceAll('secret', '***'),
  headers: (h) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.replaceAll('secret', '***')])),
};

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

describe('payload rendering', () => {
  it('JSON objects are pretty-printed after masking', () => {
    const out = renderPayload(Buffer.from('{"id":1,"card":"4111"}'), mask);
    expect(out).toEqual({
      value: JSON.stringify({ id: 1, card: '***' }, null, 2),
      encoding: 'json',
      truncated: false,
    });
  });

  it('text is masked; JSON-looking text that does not parse stays text', () => {
    expect(renderPayload(Buffer.from('a secret note'), mask)).toMatchObject({
      value: 'a *** note',
      encoding: 'text',
    });
    expect(renderPayload(Buffer.from('{not json'), mask).encoding).toBe('text');
  });

  it('non-UTF-8 bytes and control characters are shown as hex', () => {
    expect(renderPayload(Buffer.from([0xff, 0xfe, 0x00, 0x01]), mask)).toEqual({
      value: 'fffe0001',
      encoding: 'hex',
      truncated: false,
    });
    expect(renderPayload(Buffer.from('a\u0000b'), mask).encoding).toBe('hex');
    expect(asText(Buffer.from('tab\tand\nnewline'))).toBe('tab\tand\nnewline');
  });

  it('null is null; long payloads are cut and flagged', () => {
    expect(renderPayload(null, mask)).toEqual({ value: null, encoding: 'null', truncated: false });
    const long = renderPayload(Buffer.from('é'.repeat(10)), mask, 5);
    expect(long).toMatchObject({ encoding: 'text', truncated: true });
    expect(long.value?.startsWith('é')).toBe(true);
  });
});

describe('header decoding', () => {
  it("decodes Spring's binary ints/longs and Connect's decimal strings", () => {
    const headers = decodeHeaders(
      {
        'kafka_dlt-original-partition': int32(3),
        'kafka_dlt-original-offset': int64(41n),
        'kafka_dlt-original-timestamp': int64(BigInt(Date.parse('2026-01-02T03:04:05Z'))),
        '__connect.errors.offset': Buffer.from('17'),
        'x-token': Buffer.from('secret-value'),
        multi: [Buffer.from('a'), Buffer.from('b')],
      },
      mask,
    );
    expect(headers).toEqual([
      { key: 'kafka_dlt-original-partition', value: '00000003', encoding: 'hex', decoded: '3' },
      {
        key: 'kafka_dlt-original-offset',
        value: '0000000000000029',
        encoding: 'hex',
        decoded: '41',
      },
      {
        key: 'kafka_dlt-original-timestamp',
        value: int64(BigInt(Date.parse('2026-01-02T03:04:05Z'))).toString('hex'),
        encoding: 'hex',
        decoded: '2026-01-02T03:04:05.000Z',
      },
      { key: '__connect.errors.offset', value: '17', encoding: 'utf8', decoded: '17' },
      { key: 'x-token', value: '***-value', encoding: 'utf8' },
      { key: 'multi', value: 'a', encoding: 'utf8' },
      { key: 'multi', value: 'b', encoding: 'utf8' },
    ]);
  });
});

describe('a dead letter as the browser shows it', () => {
  it('origin, error, correlation and trace come from the headers', () => {
    const record: DlqRecord = {
      partition: 1,
      offset: '42',
      timestamp: String(Date.parse('2026-01-01T00:00:00Z')),
      key: Buffer.from('order-7'),
      value: Buffer.from([0x80, 0x81]),
      headers: {
        'kafka_dlt-original-topic': Buffer.from('payments'),
        'kafka_dlt-original-partition': int32(2),
        'kafka_dlt-original-offset': int64(99n),
        'kafka_dlt-exception-fqcn': Buffer.from('com.shop.Poison'),
        'kafka_dlt-exception-message': Buffer.from('bad secret'),
        'x-correlation-id': Buffer.from('corr-1'),
        traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
        'x-eventscope-replay-count': Buffer.from('2'),
      },
    };
    const m = renderDlqMessage(record, mask);
    expect(m).toMatchObject({
      partition: 1,
      offset: '42',
      timestamp: '2026-01-01T00:00:00.000Z',
      key: 'order-7',
      keyEncoding: 'text',
      value: '8081',
      valueEncoding: 'hex',
      valueTruncated: false,
      convention: 'spring',
      origin: { topic: 'payments', partition: 2, offset: '99' },
      error: { class: 'com.shop.Poison', message: 'bad ***' },
      correlationId: 'corr-1',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      replayCount: 2,
      handled: null,
    });
    expect(m.sizeBytes).toBeGreaterThan(9);
  });
});
