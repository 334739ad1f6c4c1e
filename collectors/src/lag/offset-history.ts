/**
 * The end offset the sampler observed for a partition at each sample time. Because the
 * end offset only grows, the record at offset `o` was written between the last sample whose
 * end was ≤ o and the first whose end was > o: interpolating between the two gives its write
 * time within one sample interval. Older than the oldest point, we only know a lower bound;
 * we never extrapolate.
 */

export interface HistoryPoint {
  atMs: number;
  end: bigint;
}

export interface TimeEstimate {
  /** Estimated write time of the record, in epoch ms. */
  atMs: number;
  /** The record was written at or before atMs: the true age is at least now − atMs. */
  isUpperBound: boolean;
}

export class OffsetHistory {
  private readonly points: HistoryPoint[] = [];

  constructor(private readonly capacity = 720) {}

  /** Records the end offset seen at `atMs`. A lower end (topic recreated, truncated) resets the history. */
  record(atMs: number, end: bigint): void {
    const last = this.points.at(-1);
    if (last && end < last.end) this.points.length = 0;
    const latest = this.points.at(-1);
    if (latest && latest.atMs >= atMs) return;
    this.points.push({ atMs, end });
    if (this.points.length > this.capacity) this.points.shift();
  }

  get size(): number {
    return this.points.length;
  }

  all(): readonly HistoryPoint[] {
    return this.points;
  }

  /** End offsets at the oldest and newest point within `spanMs` before the newest. */
  rate(spanMs: number): { messages: bigint; seconds: number } | null {
    const newest = this.points.at(-1);
    if (!newest) return null;
    const from = this.points.find((p) => newest.atMs - p.atMs <= spanMs);
    if (!from || from === newest) return null;
    return { messages: newest.end - from.end, seconds: (newest.atMs - from.atMs) / 1000 };
  }

  /** When the record at `offset` was written, as far as this history can tell; null if not yet written. */
  estimateWriteTime(offset: bigint): TimeEstimate | null {
    const first = this.points[0];
    if (!first) return null;
    if (offset < first.end) return { atMs: first.atMs, isUpperBound: true };
    for (let i = 1; i < this.points.length; i++) {
      const prev = this.points[i - 1];
      const next = this.points[i];
      if (!prev || !next || offset >= next.end) continue;
      const span = Number(next.end - prev.end);
      const fraction = span > 0 ? Number(offset - prev.end) / span : 1;
      // The record is the (fraction)th of the writes between the two samples.
      return { atMs: prev.atMs + fraction * (next.atMs - prev.atMs), isUpperBound: false };
    }
    return null;
  }
}
