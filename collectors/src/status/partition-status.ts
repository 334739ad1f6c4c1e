import type { GroupStatus, GroupStatusCode } from '@eventscope/shared';
import { formatCount, formatDuration } from './format';

/**
 * Burrow-style evaluation of one partition over the group's sliding window of samples
 * (linkedin/Burrow's evaluator rules, adapted to sampled committed offsets: we see offset
 * values, not commit events, so "no commits" means "the committed offset did not change").
 */

export interface PartitionSample {
  atMs: number;
  /** Committed offset (int64 decimal string); null when the group has none. */
  committed: string | null;
  end: string | null;
  lag: number | null;
}

export interface PartitionWindow {
  topic: string;
  partition: number;
  /** Oldest first; at most the window size. */
  samples: readonly PartitionSample[];
  /** When the current committed offset was first observed; may predate the window. */
  committedSinceMs: number | null;
}

export interface PartitionStatus extends GroupStatus {
  topic: string;
  partition: number;
}

export interface EvaluateOptions {
  /** Samples needed before WARN, STALL or STOP can be reported (default: the window size). */
  minSamples: number;
}

const ok = (reason: string): GroupStatus => ({ code: 'OK', reason });

function big(s: string | null): bigint | null {
  return s === null ? null : BigInt(s);
}

/** The largest committed offset before a drop that the latest committed offset is still below. */
function unrecoveredRewind(
  samples: readonly PartitionSample[],
): { from: bigint; to: bigint; atMs: number } | null {
  let high: bigint | null = null;
  let rewind: { from: bigint; to: bigint; atMs: number } | null = null;
  for (const s of samples) {
    const c = big(s.committed);
    if (c === null) continue;
    if (high !== null && c < high) rewind ??= { from: high, to: c, atMs: s.atMs };
    if (high === null || c > high) high = c;
  }
  const last = big(samples.at(-1)?.committed ?? null);
  if (!rewind || last === null || last >= rewind.from) return null;
  return rewind;
}

function evaluate(window: PartitionWindow, options: EvaluateOptions): GroupStatus {
  const { samples } = window;
  const last = samples.at(-1);
  const first = samples[0];
  if (!last || !first) return ok('not sampled yet');
  if (last.committed === null) return ok('no committed offset');
  if (last.lag === null) return ok('lag unknown this sample');
  if (last.lag === 0) return ok('caught up');

  const rewind = unrecoveredRewind(samples);
  if (rewind)
    return {
      code: 'REWIND',
      reason: `committed offset went back from ${rewind.from} to ${rewind.to} and has not recovered; lag is ${formatCount(last.lag)}`,
    };

  const lags = samples.map((s) => s.lag);
  const full = samples.length >= Math.max(2, options.minSamples);
  if (!full)
    return ok(
      `lag ${formatCount(last.lag)}; watching (${samples.length} of ${options.minSamples} samples)`,
    );
  const spanMs = last.atMs - first.atMs;
  const stuck = samples.every((s) => s.committed === last.committed);
  const lagAlways = lags.every((l) => l !== null && l > 0);

  if (stuck && lagAlways) {
    const firstLag = first.lag ?? 0;
    const grew = last.lag - firstLag;
    const endMoved = first.end !== last.end;
    const sinceMs = last.atMs - (window.committedSinceMs ?? first.atMs);
    if (endMoved && sinceMs > spanMs)
      return {
        code: 'STOP',
        reason: `offsets have not moved for ${formatDuration(sinceMs)} while lag grew by ${formatCount(grew)} to ${formatCount(last.lag)}`,
      };
    return {
      code: 'STALL',
      reason: endMoved
        ? `committed offset stuck at ${last.committed} for ${formatDuration(sinceMs)} while lag grew by ${formatCount(grew)} to ${formatCount(last.lag)}`
        : `committed offset stuck at ${last.committed} for ${formatDuration(sinceMs)} with ${formatCount(last.lag)} messages unconsumed and no new writes`,
    };
  }

  if (lags.some((l) => l === 0))
    return ok(`lag ${formatCount(last.lag)}; was caught up within the window`);

  const moved = !stuck;
  const neverFell = lags.every((l, i) => i === 0 || (l ?? 0) >= (lags[i - 1] ?? 0));
  if (moved && neverFell) {
    const consumed = Number((big(last.committed) ?? 0n) - (big(first.committed) ?? 0n));
    return {
      code: 'WARN',
      reason: `consumed ${formatCount(consumed)} in ${formatDuration(spanMs)} but lag never fell, from ${formatCount(first.lag ?? 0)} to ${formatCount(last.lag)}`,
    };
  }
  return ok(`lag ${formatCount(last.lag)} and falling at times`);
}

export function evaluatePartition(
  window: PartitionWindow,
  options: EvaluateOptions,
): PartitionStatus {
  return { topic: window.topic, partition: window.partition, ...evaluate(window, options) };
}

/** Worst first: a group takes the status of its worst partition. */
export const severity: Record<GroupStatusCode, number> = {
  OK: 0,
  EMPTY: 1,
  WARN: 2,
  REWIND: 3,
  STALL: 4,
  STOP: 5,
  UNKNOWN: 6,
};
