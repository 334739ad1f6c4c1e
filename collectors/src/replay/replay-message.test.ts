import { describe, expect, it } from 'vitest';
import { parseTraceparent } from '../hops/trace-context';
import { formatTraceparent, replayTraceparent } from './trace-context';
import { replayMessage } from './replay-message';
import type { DlqRecord } from './types';

const original = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function record(headers: DlqRecord['headers']): DlqRecord {
  return {
    partition: 2,
    offset: '10',
    timestamp: '0',
    key: Buffer.from([0x00, 0xff]),
    value: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    headers,
  };
}

describe('traceparent', () => {
  it('parses valid values and rejects malformed ones', () => {
    expect(parseTraceparent(original)).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      flags: '01',
      sampled: true,
    });
    expect(parseTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeNull();
    expect(parseTraceparent('ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBeNull();
    expect(parseTraceparent(`${original}-extra`)).toBeNull();
    expect(parseTraceparent('nonsense')).toBeNull();
  });

  it('ids differ per record and per replay', () => {
    const ids = new Set<string>();
    for (let p = 0; p < 3; p++)
      for (let o = 0; o < 20_000; o++)
        ids.add(replayTraceparent(null, 'r1', 'dlq', p, String(o)).spanId);
    expect(ids.size).toBe(60_000);
    const big = replayTraceparent(null, 'r1', 'dlq', 0, '9223372036854775807');
    expect(big.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(big.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(replayTraceparent(null, 'r2', 'dlq', 0, '1').spanId).not.toBe(
      replayTraceparent(null, 'r1', 'dlq', 0, '1').spanId,
    );
  });

  it('a replay keeps the trace, takes a new span id, the same one every time', () => {
    const tp = parseTraceparent(original);
    const a = replayTraceparent(tp, 'r1', 'dlq', 2, '10');
    expect(a.traceId).toBe(tp?.traceId);
    expect(a.spanId).not.toBe(tp?.spanId);
    expect(replayTraceparent(tp, 'r1', 'dlq', 2, '10')).toEqual(a);
    expect(replayTraceparent(tp, 'r1', 'dlq', 2, '11').spanId).not.toBe(a.spanId);
    const fresh = replayTraceparent(null, 'r1', 'dlq', 2, '10');
    expect(formatTraceparent(fresh)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});

describe('the replayed record', () => {
  it('keeps key, value and every header byte-exact; adds the replay marks and a fresh traceparent', () => {
    const binary = Buffer.from([0x00, 0x00, 0x00, 0x03]);
    const { message, trace } = replayMessage(
      record({
        'kafka_dlt-original-partition': binary,
        Traceparent: Buffer.from(original),
        multi: [Buffer.from('a'), Buffer.from('b')],
        'x-eventscope-replay-count': Buffer.from('1'),
        'x-correlation-id': Buffer.from('c-1'),
      }),
      'r1',
      'payments-dlt',
    );
    expect(message.key).toEqual(Buffer.from([0x00, 0xff]));
    expect(message.value).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const headers = message.headers ?? {};
    expect(headers['kafka_dlt-original-partition']).toEqual(binary);
    expect(headers.multi).toEqual([Buffer.from('a'), Buffer.from('b')]);
    expect(headers.Traceparent).toBeUndefined();
    expect(headers.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${trace.spanId}-01`);
    expect(headers['x-eventscope-replay-id']).toBe('r1');
    expect(headers['x-eventscope-replay-count']).toBe('2');
    expect(headers['x-eventscope-replayed-from']).toBe('payments-dlt/2/10');
    expect(trace).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      linked: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
      correlationId: 'c-1',
    });
  });

  it('a record without trace context starts a new trace with no link', () => {
    const { message, trace } = replayMessage(record({}), 'r1', 'd');
    expect(trace.linked).toBeNull();
    expect(message.headers?.['x-eventscope-replay-count']).toBe('1');
  });
});
