import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from './backoff';

describe('backoffMs (exponential, full jitter)', () => {
  const options = { baseMs: 1000, capMs: 60_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    const top = () => 0.999_999;
    expect(backoffMs(1, options, top)).toBe(999);
    expect(backoffMs(2, options, top)).toBe(1999);
    expect(backoffMs(4, options, top)).toBe(7999);
    expect(backoffMs(30, options, top)).toBe(59_999);
    expect(backoffMs(10_000, options, top)).toBe(59_999);
  });

  it('spreads waits over [0, ceiling)', () => {
    expect(backoffMs(3, options, () => 0)).toBe(0);
    expect(backoffMs(3, options, () => 0.5)).toBe(2000);
    for (let i = 0; i < 100; i += 1) {
      const wait = backoffMs(3, options);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(4000);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it.each([
    ['120', 120_000],
    [' 3 ', 3000],
    ['0', 0],
    ['Wed, 25 Nov 2026 10:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 09:00:00 GMT', 0],
  ])('%j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([[null], [''], ['-5'], ['1.5'], ['soon'], ['12345678901234567890x']])(
    '%j → undefined',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});
