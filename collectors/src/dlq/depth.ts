import type { OffsetHistory } from '../lag/offset-history';

export interface DlqPartitionOffsets {
  start: string;
  end: string;
}

/**
 * Dead letters still waiting: what the log holds (end − start over partitions) minus what was
 * already replayed or discarded (`handled`, from the caller's replay records). Never below 0.
 */
export function dlqDepth(partitions: readonly DlqPartitionOffsets[], handled: number): number {
  let total = 0n;
  for (const p of partitions) {
    const held = BigInt(p.end) - BigInt(p.start);
    if (held > 0n) total += held;
  }
  const depth = total - BigInt(Math.max(0, Math.floor(handled)));
  return depth > 0n ? Number(depth) : 0;
}

/** Arrivals per minute over the last `spanMs` of end-offset history, summed over partitions. */
export function inflowPerMinute(
  histories: ReadonlyArray<OffsetHistory | undefined>,
  spanMs: number,
): number | null {
  let perSecond: number | null = null;
  for (const h of histories) {
    const rate = h?.rate(spanMs);
    if (!rate || rate.seconds <= 0) continue;
    perSecond = (perSecond ?? 0) + Number(rate.messages) / rate.seconds;
  }
  return perSecond === null ? null : Math.round(perSecond * 60 * 100) / 100;
}

/** Age of the oldest waiting dead letter: 0 when empty, null when its timestamp is unknown. */
export function oldestAgeSeconds(
  depth: number,
  oldestTimestampsMs: ReadonlyArray<number | null>,
  nowMs: number,
): number | null {
  if (depth === 0) return 0;
  let oldest: number | null = null;
  for (const t of oldestTimestampsMs) if (t !== null && (oldest === null || t < oldest)) oldest = t;
  return oldest === null ? null : Math.max(0, Math.round((nowMs - oldest) / 1000));
}
