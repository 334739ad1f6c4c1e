/**
 * Recent lag of one series, for lagGrowth (messages per second over a window). A small ring
 * per series in memory: growth needs minutes of history, not the database.
 */
export class LagRing {
  readonly #times: number[] = [];
  readonly #values: number[] = [];
  constructor(readonly capacity = 512) {}

  /** Adds a known lag; points older than `retainMs` before it are dropped. */
  push(atMs: number, lag: number, retainMs: number): void {
    const last = this.#times.at(-1);
    if (last !== undefined && atMs <= last) return; // a replayed or out-of-order sample
    this.#times.push(atMs);
    this.#values.push(lag);
    let drop = 0;
    while (
      drop < this.#times.length - 1 &&
      ((this.#times[drop] ?? atMs) < atMs - retainMs || this.#times.length - drop > this.capacity)
    )
      drop++;
    if (drop > 0) {
      this.#times.splice(0, drop);
      this.#values.splice(0, drop);
    }
  }

  get lastAt(): number | undefined {
    return this.#times.at(-1);
  }

  /**
   * Messages per second from the oldest point inside the window to the newest; null until
   * two points exist (no history is not "no growth").
   */
  growth(windowMs: number): number | null {
    const n = this.#times.length;
    const lastT = this.#times[n - 1];
    const lastV = this.#values[n - 1];
    if (n < 2 || lastT === undefined || lastV === undefined) return null;
    let i = 0;
    while (i < n - 1 && (this.#times[i] ?? lastT) < lastT - windowMs) i++;
    // No other point inside the window (a gap in sampling): measure from the one just before.
    if (i === n - 1) i = n - 2;
    const firstT = this.#times[i];
    const firstV = this.#values[i];
    if (firstT === undefined || firstV === undefined || firstT >= lastT) return null;
    return (lastV - firstV) / ((lastT - firstT) / 1000);
  }
}

/** Rings per series key, dropped when their series has not been seen for `forgetMs`. */
export class LagRings {
  readonly #rings = new Map<string, LagRing>();

  ring(key: string): LagRing {
    let ring = this.#rings.get(key);
    if (!ring) {
      ring = new LagRing();
      this.#rings.set(key, ring);
    }
    return ring;
  }

  forgetOlderThan(cutoffMs: number): void {
    for (const [key, ring] of this.#rings)
      if ((ring.lastAt ?? 0) < cutoffMs) this.#rings.delete(key);
  }

  get size(): number {
    return this.#rings.size;
  }
}
