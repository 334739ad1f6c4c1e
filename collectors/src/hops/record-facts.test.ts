import { describe, expect, it } from 'vitest';
import { isTraceable, recordFacts, type TappedRecord } from './record-facts';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function record(fields: Partial<TappedRecord> = {}): TappedRecord {
  return {
    topic: 'orders',
    partition: 2,
    offset: '41',
    timestamp: '1764064800000',
    key: Buffer.from('order-7'),
    value: Buffer.from('{"total":12}'),
    headers: {},
    ...fields,
  };
}

describe('recordFacts', () => {
  it('reads traceparent whatever the header case and value type', () => {
    for (const headers of [
      { traceparent: TRACEPARENT },
      { TraceParent: Buffer.from(TRACEPARENT) },
      { TRACEPARENT: [Buffer.from(TRACEPARENT), 'ignored'] },
    ]) {
      expect(recordFacts(record({ headers }), 0).trace).toEqual({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        flags: '01',
        sampled: true,
      });
    }
    expect(recordFacts(record({ headers: { traceparent: 'garbage' } }), 0).trace).toBeNull();
  });

  it('takes the correlation id by the conventions, first match wins', () => {
    const facts = (headers: TappedRecord['headers']) =>
      recordFacts(record({ headers }), 0).correlationId;
    expect(facts({ 'X-Correlation-ID': Buffer.from('b'), 'correlation-id': 'a' })).toBe('a');
    expect(facts({ correlationid: Buffer.from(' c ') })).toBe('c');
    expect(facts({ ce_correlationid: 'd' })).toBe('d');
    expect(facts({ 'correlation-id': '', ce_correlationid: 'e' })).toBe('e');
    expect(facts({ 'correlation-id': 'x'.repeat(513) })).toBeNull();
    expect(facts({})).toBeNull();
  });

  it('reads CloudEvents ids in binary and structured mode', () => {
    const binary = recordFacts(
      record({ headers: { ce_id: 'evt-2', ce_causationid: Buffer.from('evt-1') } }),
      0,
    );
    expect([binary.eventId, binary.causationId]).toEqual(['evt-2', 'evt-1']);
    const structured = recordFacts(
      record({
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
        value: Buffer.from(
          JSON.stringify({
            specversion: '1.0',
            id: 'evt-3',
            correlationid: 'order-9',
            causationid: 'evt-2',
            traceparent: TRACEPARENT,
            data: {},
          }),
        ),
      }),
      0,
    );
    expect(structured).toMatchObject({
      eventId: 'evt-3',
      correlationId: 'order-9',
      causationId: 'evt-2',
      trace: { spanId: '00f067aa0ba902b7' },
    });
    const broken = record({
      headers: { 'content-type': 'application/cloudevents+json' },
      value: Buffer.from('{not json'),
    });
    expect(recordFacts(broken, 0).correlationId).toBeNull();
  });

  it('decodes dead-letter origins and replay marks', () => {
    const offset = Buffer.alloc(8);
    offset.writeBigInt64BE(17n);
    const partition = Buffer.alloc(4);
    partition.writeInt32BE(1);
    const facts = recordFacts(
      record({
        headers: {
          'kafka_dlt-original-topic': Buffer.from('payments'),
          'kafka_dlt-original-partition': partition,
          'kafka_dlt-original-offset': offset,
          'x-eventscope-replay-id': 'r-1',
        },
      }),
      0,
    );
    expect(facts.deadLetter).toMatchObject({
      convention: 'spring',
      originalTopic: 'payments',
      originalPartition: 1,
      originalOffset: '17',
    });
    expect(facts.replay).toEqual({ 'x-eventscope-replay-id': 'r-1' });
    expect(isTraceable(facts)).toBe(true);
  });

  it('measures the record and shows binary keys as hex', () => {
    const facts = recordFacts(
      record({ key: Buffer.from([0xff, 0x00, 0x01]), headers: { h: 'vv', list: ['a', 'bc'] } }),
      0,
    );
    expect(facts.key).toBe('0xff0001');
    // key 3 + value 12 + "h" 1 + "vv" 2 + "list" 4 + "a" 1 + "bc" 2
    expect(facts.sizeBytes).toBe(25);
    expect(facts.valueBytes).toBe(12);
    expect(recordFacts(record({ key: null }), 0).key).toBeNull();
  });

  it('uses the observation time when the record has no usable timestamp', () => {
    expect(recordFacts(record(), 5).timestampMs).toBe(1764064800000);
    expect(recordFacts(record({ timestamp: '-1' }), 5).timestampMs).toBe(5);
    expect(recordFacts(record({ timestamp: '99999999999999999' }), 5).timestampMs).toBe(5);
  });

  it('says a record without trace context, correlation id or dead-letter headers joins nothing', () => {
    expect(isTraceable(recordFacts(record({ headers: { ce_id: 'evt-1' } }), 0))).toBe(false);
    expect(isTraceable(recordFacts(record({ headers: { traceparent: TRACEPARENT } }), 0))).toBe(
      true,
    );
  });
});
