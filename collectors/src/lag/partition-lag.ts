/**
 * Lag in messages, with int64 offsets carried as decimal strings and compared as BigInt.
 * Unknown stays null: it never becomes 0 and never enters a sum or a maximum.
 */

export interface PartitionOffsets {
  /** Log start offset (moves forward with retention); null when unknown. */
  start: string | null;
  /** Log end offset (the next offset to be written); null when unknown. */
  end: string | null;
  /** The group's committed offset (the next record it will read); null when none. */
  committed: string | null;
}

/**
 * max(0, end − committed); a committed offset below the log start (records deleted by
 * retention) counts only what is still in the log: end − start.
 */
export function lagMessages({ start, end, committed }: PartitionOffsets): number | null {
  if (committed === null || end === null) return null;
  const endN = BigInt(end);
  let from = BigInt(committed);
  if (start !== null && from < BigInt(start)) from = BigInt(start);
  const lag = endN - from;
  return lag > 0n ? Number(lag) : 0;
}

/** Sum of the known values; null when none is known. */
export function sumKnown(values: ReadonlyArray<number | null>): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
  return sum;
}

/** Maximum of the known values; null when none is known. */
export function maxKnown(values: ReadonlyArray<number | null>): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

/** Sum of int64 decimal strings as a decimal string; null if any is unknown. */
export function sumOffsets(values: ReadonlyArray<string | null>): string | null {
  let sum = 0n;
  for (const v of values) {
    if (v === null) return null;
    sum += BigInt(v);
  }
  return sum.toString();
}
