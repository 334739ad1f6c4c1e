import { describe, expect, it } from 'vitest';
import { lagMessages, maxKnown, sumKnown, sumOffsets } from './partition-lag';

describe('lagMessages', () => {
  it.each([
    { name: 'behind', start: '0', end: '1000', committed: '400', expected: 600 },
    { name: 'caught up', start: '0', end: '1000', committed: '1000', expected: 0 },
    { name: 'committed past end clamps to 0', start: '0', end: '10', committed: '12', expected: 0 },
    { name: 'no committed offset', start: '0', end: '10', committed: null, expected: null },
    { name: 'end unknown', start: null, end: null, committed: '5', expected: null },
    {
      name: 'below log start counts end − start',
      start: '700',
      end: '1000',
      committed: '100',
      expected: 300,
    },
    { name: 'start unknown', start: null, end: '1000', committed: '100', expected: 900 },
    {
      name: 'beyond 2^53 stays exact',
      start: '0',
      end: '9223372036854775807',
      committed: '9223372036854775000',
      expected: 807,
    },
  ])('$name', ({ start, end, committed, expected }) => {
    expect(lagMessages({ start, end, committed })).toBe(expected);
  });
});

describe('sums and maxima skip unknowns', () => {
  it.each([
    { values: [1, null, 2], sum: 3, max: 2 },
    { values: [null, null], sum: null, max: null },
    { values: [], sum: null, max: null },
    { values: [0, null], sum: 0, max: 0 },
  ])('$values', ({ values, sum, max }) => {
    expect(sumKnown(values)).toBe(sum);
    expect(maxKnown(values)).toBe(max);
  });

  it('sums offsets beyond int64 exactly and refuses unknowns', () => {
    expect(sumOffsets(['9223372036854775807', '1'])).toBe('9223372036854775808');
    expect(sumOffsets(['1', null])).toBeNull();
  });
});
