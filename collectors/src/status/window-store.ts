import type { PartitionSample, PartitionWindow } from './partition-status';

export interface PartitionObservation {
  topic: string;
  partition: number;
  committed: string | null;
  end: string | null;
  lag: number | null;
}

interface WindowState {
  samples: PartitionSample[];
  committedSinceMs: number | null;
}

/**
 * Each group's last N samples per partition, kept by the sampler. Unreachable samples are
 * not pushed, so a window resumes where it stopped; partitions and groups that disappear are
 * forgotten, which bounds memory by what the cluster has now.
 */
export class StatusWindows {
  private readonly groups = new Map<string, Map<string, WindowState>>();

  constructor(private readonly windowSize: number) {}

  push(
    group: string,
    atMs: number,
    observations: readonly PartitionObservation[],
  ): PartitionWindow[] {
    const previous = this.groups.get(group) ?? new Map<string, WindowState>();
    const next = new Map<string, WindowState>();
    const windows: PartitionWindow[] = [];
    for (const o of observations) {
      const key = `${o.topic}\u0000${o.partition}`;
      const state = previous.get(key) ?? { samples: [], committedSinceMs: null };
      const last = state.samples.at(-1);
      if (!last || last.committed !== o.committed) state.committedSinceMs = atMs;
      state.samples.push({ atMs, committed: o.committed, end: o.end, lag: o.lag });
      if (state.samples.length > this.windowSize) state.samples.shift();
      next.set(key, state);
      windows.push({
        topic: o.topic,
        partition: o.partition,
        samples: [...state.samples],
        committedSinceMs: state.committedSinceMs,
      });
    }
    this.groups.set(group, next);
    return windows;
  }

  /** Forgets groups not in `groups`. */
  retain(groups: ReadonlySet<string>): void {
    for (const group of this.groups.keys()) if (!groups.has(group)) this.groups.delete(group);
  }
}
