import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate';

describe('replay rate and ETA', () => {
  it('is unknown until two samples', () => {
    const w = new RateWindow();
    expect(w.rate()).toBeNull();
    w.add(0, 0);
    expect(w.rate()).toBeNull();
    expect(w.eta(100)).toBeNull();
  });

  it('measures records per second over the window and projects the rest', () => {
    const w = new RateWindow(10_000);
    w.add(0, 0);
    w.add(1000, 500);
    w.add(2000, 1000);
    expect(w.rate()).toBe(500);
    expect(w.eta(3000)).toBe(4);
    expect(w.eta(1000)).toBe(0);
    expect(w.eta(null)).toBeNull();
  });

  it('forgets samples older than the window', () => {
    const w = new RateWindow(1000);
    w.add(0, 0);
    w.add(100, 1000);
    w.add(5000, 1100);
    w.add(5500, 1200);
    expect(w.rate()).toBe(200);
  });
});
