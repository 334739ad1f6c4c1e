import { readKey, type RecordReader } from './record-reader';

export interface TimestampQuery {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Timestamps of the record at (topic, partition, offset), cached: records are immutable,
 * so a timestamp read once is right forever. The cache is bounded (oldest entries go first).
 * A position with no record yet is not cached.
 */
export class RecordTimestamps {
  private readonly cache = new Map<string, number>();

  constructor(private readonly capacity = 50_000) {}

  get(q: TimestampQuery): number | null {
    return this.cache.get(readKey(q.topic, q.partition, q.offset)) ?? null;
  }

  /** Reads the timestamps not cached yet, at most `limit` of them, within `timeoutMs`. */
  async load(
    reader: RecordReader,
    queries: readonly TimestampQuery[],
    timeoutMs: number,
    limit = 1000,
  ): Promise<void> {
    const missing = queries
      .filter((q) => !this.cache.has(readKey(q.topic, q.partition, q.offset)))
      .slice(0, limit);
    if (missing.length === 0) return;
    const records = await reader.read(missing, timeoutMs);
    for (const q of missing) {
      const first = records.get(readKey(q.topic, q.partition, q.offset))?.[0];
      if (first) this.set(q, Number(first.timestamp));
    }
  }

  set(q: TimestampQuery, timestampMs: number): void {
    if (!Number.isFinite(timestampMs)) return;
    this.cache.set(readKey(q.topic, q.partition, q.offset), timestampMs);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
