import { describe, expect, it } from 'vitest';
import { recordSizeBytes } from './record-size';
import { SizeWindows } from './size-windows';

describe('recordSizeBytes', () => {
  it('counts key, value, header names and values in bytes', () => {
    expect(
      recordSizeBytes({
        key: 'k',
        value: Buffer.alloc(10),
        headers: { ab: 'é', c: [Buffer.alloc(3), 'x'] },
      }),
    ).toBe(1 + 10 + 2 + 2 + 1 + 3 + 1);
    expect(recordSizeBytes({ key: null, value: null })).toBe(0);
  });
});

describe('SizeWindows', () => {
  it('reports quantiles within 1 %, max, count and rates over the window', () => {
    const w = new SizeWindows(10_000);
    for (let i = 1; i <= 1000; i++) w.add('t', i, 1_000);
    const s = w.stats('t', 11_000);
    expect(s.size?.count).toBe(1000);
    expect(s.size?.max).toBe(1000);
    expect(Math.abs((s.size?.p50 ?? 0) - 500)).toBeLessThanOrEqual(10);
    expect(Math.abs((s.size?.p99 ?? 0) - 990)).toBeLessThanOrEqual(20);
    expect(s.messagesPerSecond).toBe(100);
  });

  it('drops data older than two windows and unknown topics are null', () => {
    const w = new SizeWindows(1_000);
    w.add('t', 5, 0);
    expect(w.stats('t', 1_500).size?.count).toBe(1);
    expect(w.stats('t', 5_000).size).toBeNull();
    expect(w.stats('other', 0)).toEqual({
      size: null,
      messagesPerSecond: null,
      bytesPerSecond: null,
    });
  });
});
