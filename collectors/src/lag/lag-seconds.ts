import type { OffsetHistory } from './offset-history';

export interface LagSeconds {
  lagSeconds: number | null;
  isLowerBound: boolean;
}

export interface LagSecondsInput {
  committed: string | null;
  end: string | null;
  nowMs: number;
  /** Timestamp of the first record at or after the committed offset, when it could be read. */
  recordTimestampMs: number | null;
  history: OffsetHistory | undefined;
}

const UNKNOWN: LagSeconds = { lagSeconds: null, isLowerBound: false };

/**
 * Age of the oldest unconsumed record. Caught up → 0 (even on an idle topic). Otherwise the
 * record's own timestamp when read, else the collector's offset→time history (a lower bound
 * when the record is older than the history), else unknown.
 */
export function lagSecondsFor(input: LagSecondsInput): LagSeconds {
  const { committed, end, nowMs } = input;
  if (committed === null || end === null) return UNKNOWN;
  if (BigInt(committed) >= BigInt(end)) return { lagSeconds: 0, isLowerBound: false };
  if (input.recordTimestampMs !== null)
    return { lagSeconds: ageSeconds(nowMs, input.recordTimestampMs), isLowerBound: false };
  const estimate = input.history?.estimateWriteTime(BigInt(committed));
  if (!estimate) return UNKNOWN;
  return { lagSeconds: ageSeconds(nowMs, estimate.atMs), isLowerBound: estimate.isUpperBound };
}

function ageSeconds(nowMs: number, atMs: number): number {
  return Math.max(0, Math.round((nowMs - atMs) / 100) / 10);
}
