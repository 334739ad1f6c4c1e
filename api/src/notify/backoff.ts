export interface BackoffOptions {
  /** First retry waits up to this long (full jitter). */
  baseMs: number;
  /** No single wait is longer than this (unless the receiver's Retry-After asks for more). */
  capMs: number;
}

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(cap, base·2^(n−1))]), so
 * many notifiers failing together do not retry in lockstep.
 */
export function backoffMs(attempt: number, options: BackoffOptions, random = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as delta-seconds or an HTTP-date, in ms from `now`; undefined when absent or
 * unparseable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
