/**
 * Records per second over the last few batches, and the time left at that pace. Pure: the
 * clock is passed in.
 */
export class RateWindow {
  private samples: Array<{ atMs: number; done: number }> = [];

  constructor(private readonly spanMs = 10_000) {}

  add(atMs: number, done: number): void {
    this.samples.push({ atMs, done });
    while (this.samples.length > 2 && (this.samples[0]?.atMs ?? atMs) < atMs - this.spanMs)
      this.samples.shift();
  }

  /** Records per second, or null with fewer than two samples. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.atMs <= first.atMs) return null;
    return Math.max(0, ((last.done - first.done) * 1000) / (last.atMs - first.atMs));
  }

  /** Seconds until `total` at the current rate; null when unknown. */
  eta(total: number | null): number | null {
    const rate = this.rate();
    const last = this.samples.at(-1);
    if (total === null || rate === null || !last) return null;
    const left = Math.max(0, total - last.done);
    if (left === 0) return 0;
    return rate > 0 ? Math.round((left / rate) * 10) / 10 : null;
  }

  reset(): void {
    this.samples = [];
  }
}
