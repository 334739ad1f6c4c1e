import { describe, expect, it } from 'vitest';
import { sleep, TokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('lets a burst up to capacity through, then paces at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 10, () => now);
    expect(bucket.reserve(10)).toBe(0);
    // 10 more tokens at 100/s take 100 ms.
    expect(bucket.reserve(10)).toBeCloseTo(100);
    now = 100;
    expect(bucket.reserve(5)).toBeCloseTo(50);
  });

  it('refills over time, never above capacity', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 50, () => now);
    bucket.reserve(50);
    now = 10_000;
    expect(bucket.reserve(50)).toBe(0);
    expect(bucket.reserve(1)).toBeGreaterThan(0);
  });

  it('a refund gives back what a cancelled batch did not use', () => {
    const bucket = new TokenBucket(10, 10, () => 0);
    expect(bucket.reserve(20)).toBeCloseTo(1000);
    bucket.refund(20);
    expect(bucket.reserve(10)).toBe(0);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
  });

  it('sleep resolves false when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await sleep(0)).toBe(true);
  });
});
