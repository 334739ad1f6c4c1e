/**
 * A token bucket for records per second. `reserve(n)` takes n tokens at once, going into debt
 * if needed, and says how long to wait before sending: a batch of n records then goes out no
 * earlier than the rate allows, while short bursts up to `capacity` pass at once.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('rate must be positive');
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((t - this.last) * this.ratePerSecond) / 1000,
    );
    this.last = t;
  }

  /** Takes n tokens; returns the milliseconds to wait before using them (0 when available now). */
  reserve(n: number): number {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.ratePerSecond;
  }

  /** Gives back tokens reserved but not used (a cancelled batch). */
  refund(n: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + n);
  }
}

/** Waits `ms`, or less if the signal aborts; resolves true when the wait ran to the end. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal?.aborted);
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(full);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
