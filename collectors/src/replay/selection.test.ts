import { describe, expect, it } from 'vitest';
import {
  decide,
  decideHandled,
  rangeSize,
  rangesFor,
  replayCountOf,
  selectionMatcher,
} from './selection';
import type { DlqRecord } from './types';

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

const spring = (cls: string, topic = 'payments') => ({
  'kafka_dlt-original-topic': Buffer.from(topic),
  'kafka_dlt-original-partition': int32(2),
  'kafka_dlt-exception-fqcn': Buffer.from(cls),
});

function record(over: Partial<DlqRecord> = {}): DlqRecord {
  return {
    partition: 0,
    offset: '7',
    timestamp: String(Date.parse('2026-01-01T10:00:00Z')),
    key: Buffer.from('order-1'),
    value: Buffer.from('{}'),
    headers: spring('com.shop.Poison'),
    ...over,
  };
}

const ctx = (selection: Parameters<typeof selectionMatcher>[0], target: string | null = null) => ({
  matches: selectionMatcher(selection),
  target,
  maxReplayCount: 3,
});

describe('selection matching', () => {
  it('all matches everything; offsets match exactly the listed ones', () => {
    expect(decide(record(), ctx({ all: true }))).toEqual({ kind: 'replay', target: 'payments' });
    const listed = ctx({ offsets: [{ partition: 0, offset: '7' }] });
    expect(decide(record(), listed).kind).toBe('replay');
    expect(decide(record({ offset: '8' }), listed).kind).toBe('unselected');
    expect(decide(record({ partition: 1 }), listed).kind).toBe('unselected');
  });

  it('filters by error class, key, header, partition and time range', () => {
    const m = (filter: object) =>
      decide(record(), ctx({ filter } as Parameters<typeof selectionMatcher>[0])).kind;
    expect(m({ errorClass: 'com.shop.Poison' })).toBe('replay');
    expect(m({ errorClass: 'java.lang.IllegalStateException' })).toBe('unselected');
    expect(m({ key: 'order-1' })).toBe('replay');
    expect(m({ key: 'order-2' })).toBe('unselected');
    expect(m({ header: { name: 'KAFKA_DLT-ORIGINAL-TOPIC', value: 'payments' } })).toBe('replay');
    expect(m({ header: { name: 'kafka_dlt-original-topic', value: 'orders' } })).toBe('unselected');
    expect(m({ partition: 0 })).toBe('replay');
    expect(m({ partition: 1 })).toBe('unselected');
    expect(m({ from: '2026-01-01T10:00:00Z', to: '2026-01-01T10:00:01Z' })).toBe('replay');
    expect(m({ from: '2026-01-01T10:00:00.001Z' })).toBe('unselected');
    expect(m({ to: '2026-01-01T10:00:00Z' })).toBe('unselected');
  });

  it('records without an exception class match the "unknown" class', () => {
    const plain = record({ headers: {} });
    expect(decide(plain, ctx({ filter: { errorClass: 'unknown' } })).kind).toBe('skip');
    expect(decide(plain, ctx({ filter: { errorClass: 'unknown' } }, 'retry')).kind).toBe('replay');
  });
});

describe('decisions', () => {
  it('a chosen target wins over the origin; no origin and no target is skipped', () => {
    expect(decide(record(), ctx({ all: true }, 'retry'))).toEqual({
      kind: 'replay',
      target: 'retry',
    });
    expect(decide(record({ headers: {} }), ctx({ all: true }))).toEqual({
      kind: 'skip',
      reason: 'noTarget',
    });
  });

  it('the loop guard skips records replayed maxReplayCount times already', () => {
    const times = (n: string) =>
      record({ headers: { ...spring('X'), 'x-eventscope-replay-count': Buffer.from(n) } });
    expect(decide(times('2'), ctx({ all: true })).kind).toBe('replay');
    expect(decide(times('3'), ctx({ all: true }))).toEqual({ kind: 'skip', reason: 'loopGuard' });
    expect(replayCountOf(times('garbage'))).toBe(0);
  });

  it('handled records are skipped, unselected ones stay unselected', () => {
    expect(decideHandled({ kind: 'replay', target: 't' }, true)).toEqual({
      kind: 'skip',
      reason: 'handled',
    });
    expect(decideHandled({ kind: 'unselected' }, true)).toEqual({ kind: 'unselected' });
    expect(decideHandled({ kind: 'replay', target: 't' }, false).kind).toBe('replay');
  });
});

describe('ranges', () => {
  const log = [
    { partition: 0, start: '10', end: '100' },
    { partition: 1, start: '0', end: '0' },
    { partition: 2, start: '5', end: '50' },
  ];

  it('all: every non-empty partition from log start to end', () => {
    const ranges = rangesFor({ all: true }, log);
    expect(ranges).toEqual([
      { partition: 0, from: '10', end: '100' },
      { partition: 2, from: '5', end: '50' },
    ]);
    expect(rangeSize(ranges)).toBe(135);
  });

  it('offsets: from the lowest to just past the highest listed, within the log', () => {
    const ranges = rangesFor(
      {
        offsets: [
          { partition: 0, offset: '40' },
          { partition: 0, offset: '12' },
          { partition: 2, offset: '3' },
          { partition: 2, offset: '70' },
        ],
      },
      log,
    );
    expect(ranges).toEqual([
      { partition: 0, from: '12', end: '41' },
      { partition: 2, from: '5', end: '50' },
    ]);
  });

  it('filter: partition and from-time narrow the ranges', () => {
    expect(rangesFor({ filter: { partition: 2 } }, log)).toEqual([
      { partition: 2, from: '5', end: '50' },
    ]);
    expect(
      rangesFor(
        { filter: { from: '2026-01-01T00:00:00Z' } },
        log,
        new Map([
          [0, '60'],
          [2, '50'],
        ]),
      ),
    ).toEqual([{ partition: 0, from: '60', end: '100' }]);
  });
});
