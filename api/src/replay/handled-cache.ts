/**
 * The dead letters of each DLQ already replayed or discarded, in memory as sorted runs of
 * consecutive offsets per partition: the samplers ask synchronously on every sample for the
 * DLQ depth (records in the log − handled ones inside it) and for the first unhandled offset
 * (the oldest waiting dead letter). Loaded from the store at start, moved by every write.
 */

/** A run of handled offsets `[from, to)`. */
type Run = [bigint, bigint];

export interface HandledRun {
  cluster: string;
  topic: string;
  partition: number;
  from: string;
  to: string;
}

const key = (cluster: string, topic: string): string => `${cluster}\u0000${topic}`;

/** Index of the first run ending after `offset` (binary search). */
function firstEndingAfter(runs: readonly Run[], offset: bigint): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const run = runs[mid];
    if (run && run[1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class HandledIndex {
  private readonly dlqs = new Map<string, Map<number, Run[]>>();

  private runs(cluster: string, topic: string, partition: number): Run[] {
    let byPartition = this.dlqs.get(key(cluster, topic));
    if (!byPartition) {
      byPartition = new Map();
      this.dlqs.set(key(cluster, topic), byPartition);
    }
    let runs = byPartition.get(partition);
    if (!runs) {
      runs = [];
      byPartition.set(partition, runs);
    }
    return runs;
  }

  load(rows: readonly HandledRun[]): void {
    this.dlqs.clear();
    for (const r of rows)
      this.runs(r.cluster, r.topic, r.partition).push([BigInt(r.from), BigInt(r.to)]);
    for (const byPartition of this.dlqs.values())
      for (const runs of byPartition.values()) runs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  /** Adds handled offsets (already handled ones are fine: nothing counts twice). */
  add(
    cluster: string,
    topic: string,
    records: ReadonlyArray<{ partition: number; offset: string }>,
  ): void {
    for (const r of records) {
      const runs = this.runs(cluster, topic, r.partition);
      const o = BigInt(r.offset);
      const i = firstEndingAfter(runs, o);
      const at = runs[i];
      if (at && at[0] <= o) continue; // inside a run already
      const before = runs[i - 1];
      const joinsBefore = before !== undefined && before[1] === o;
      const joinsAfter = at !== undefined && at[0] === o + 1n;
      if (joinsBefore && joinsAfter && at) {
        before[1] = at[1];
        runs.splice(i, 1);
      } else if (joinsBefore) before[1] = o + 1n;
      else if (joinsAfter && at) at[0] = o;
      else runs.splice(i, 0, [o, o + 1n]);
    }
  }

  /**
   * Handled records of a DLQ; with the partitions' log offsets, only those the log still holds
   * (retention may have deleted older ones).
   */
  count(
    cluster: string,
    topic: string,
    log?: ReadonlyMap<number, { start: string; end: string }>,
  ): number {
    const byPartition = this.dlqs.get(key(cluster, topic));
    if (!byPartition) return 0;
    let total = 0n;
    for (const [partition, runs] of byPartition) {
      const range = log?.get(partition);
      if (log && !range) continue;
      const start = range ? BigInt(range.start) : 0n;
      const end = range ? BigInt(range.end) : 2n ** 63n;
      for (const [from, to] of runs) {
        const a = from > start ? from : start;
        const b = to < end ? to : end;
        if (b > a) total += b - a;
      }
    }
    return Number(total);
  }

  /** The first offset at or after `start` not handled (the oldest dead letter still waiting). */
  firstUnhandled(cluster: string, topic: string, partition: number, start: string): string {
    const runs = this.dlqs.get(key(cluster, topic))?.get(partition);
    const from = BigInt(start);
    if (!runs) return start;
    const run = runs[firstEndingAfter(runs, from)];
    return run && run[0] <= from ? run[1].toString() : start;
  }
}
