import { describe, expect, it } from 'vitest';
import { lagSecondsFor } from './lag-seconds';
import { OffsetHistory } from './offset-history';

const T0 = 1_700_000_000_000;

function history(points: Array<[number, number]>): OffsetHistory {
  const h = new OffsetHistory();
  for (const [dtSeconds, end] of points) h.record(T0 + dtSeconds * 1000, BigInt(end));
  return h;
}

// End offsets seen at t=0 s: 100, t=10 s: 200, t=20 s: 200 (idle), t=30 s: 300.
const seen = history([
  [0, 100],
  [10, 200],
  [20, 200],
  [30, 300],
]);
const now = T0 + 40_000;

describe('lagSecondsFor', () => {
  it.each([
    {
      name: 'no committed offset',
      committed: null,
      end: '300',
      ts: null,
      expected: null,
      bound: false,
    },
    {
      name: 'caught up on an idle topic',
      committed: '300',
      end: '300',
      ts: null,
      expected: 0,
      bound: false,
    },
    {
      name: 'record timestamp wins',
      committed: '150',
      end: '300',
      ts: now - 90_000,
      expected: 90,
      bound: false,
    },
    // offset 150 was written halfway between t=0 and t=10 → 35 s old at t=40.
    { name: 'interpolated', committed: '150', end: '300', ts: null, expected: 35, bound: false },
    // offset 250: written between t=20 and t=30 (nothing was written between 10 and 20).
    {
      name: 'after an idle stretch',
      committed: '250',
      end: '300',
      ts: null,
      expected: 15,
      bound: false,
    },
    {
      name: 'older than history: lower bound',
      committed: '50',
      end: '300',
      ts: null,
      expected: 40,
      bound: true,
    },
    {
      name: 'newer than history: unknown',
      committed: '300',
      end: '310',
      ts: null,
      expected: null,
      bound: false,
    },
    {
      name: 'clock skew never negative',
      committed: '150',
      end: '300',
      ts: now + 5_000,
      expected: 0,
      bound: false,
    },
  ])('$name', ({ committed, end, ts, expected, bound }) => {
    const result = lagSecondsFor({
      committed,
      end,
      nowMs: now,
      recordTimestampMs: ts,
      history: seen,
    });
    expect(result).toEqual({ lagSeconds: expected, isLowerBound: bound });
  });

  it('is unknown without history or timestamp', () => {
    const result = lagSecondsFor({
      committed: '1',
      end: '5',
      nowMs: now,
      recordTimestampMs: null,
      history: undefined,
    });
    expect(result.lagSeconds).toBeNull();
  });
});

describe('OffsetHistory', () => {
  it('resets when the end offset goes back (topic recreated) and bounds its size', () => {
    const h = new OffsetHistory(3);
    h.record(T0, 10n);
    h.record(T0 + 1000, 5n);
    expect(h.all()).toEqual([{ atMs: T0 + 1000, end: 5n }]);
    for (let i = 2; i < 10; i++) h.record(T0 + i * 1000, BigInt(i * 10));
    expect(h.size).toBe(3);
  });

  it('reports the rate over a span', () => {
    expect(seen.rate(60_000)).toEqual({ messages: 200n, seconds: 30 });
    expect(seen.rate(10_000)).toEqual({ messages: 100n, seconds: 10 });
    expect(history([[0, 1]]).rate(60_000)).toBeNull();
  });
});
