import type { GroupMember } from '@eventscope/shared';
import type { GroupInfo, RawClusterState } from '../kafka/adapter';
import { lagMessages } from '../lag/partition-lag';

/** One partition a group consumes, before lag seconds are known. */
export interface GroupPartition {
  topic: string;
  partition: number;
  start: string | null;
  end: string | null;
  committed: string | null;
  lagMessages: number | null;
  member: GroupMember | null;
}

/**
 * The partitions a group consumes: every partition of each topic it has committed offsets
 * for or is assigned, like `kafka-consumer-groups --describe` (a partition without a commit
 * shows committed null and lag null). Topics that no longer exist are left out.
 */
export function groupPartitions(raw: RawClusterState, group: GroupInfo): GroupPartition[] {
  const committed = raw.committed.get(group.group) ?? new Map<string, Map<number, string>>();
  const owner = new Map<string, GroupMember>();
  const topics = new Set(committed.keys());
  for (const m of group.members)
    for (const a of m.assignments) {
      topics.add(a.topic);
      for (const p of a.partitions) owner.set(`${a.topic}\u0000${p}`, m);
    }
  const result: GroupPartition[] = [];
  for (const topic of [...topics].sort()) {
    const partitions = raw.topics.get(topic);
    if (!partitions) continue;
    const offsets = raw.offsets.get(topic);
    for (const partition of partitions) {
      const o = offsets?.get(partition);
      const c = committed.get(topic)?.get(partition) ?? null;
      const start = o?.start ?? null;
      const end = o?.end ?? null;
      result.push({
        topic,
        partition,
        start,
        end,
        committed: c,
        lagMessages: lagMessages({ start, end, committed: c }),
        member: owner.get(`${topic}\u0000${partition}`) ?? null,
      });
    }
  }
  return result;
}

/** The offset of the oldest record the group has not consumed, when it has one. */
export function oldestUnconsumedOffset(p: GroupPartition): string | null {
  if (p.committed === null || p.end === null) return null;
  const start = p.start === null ? 0n : BigInt(p.start);
  const from = BigInt(p.committed) < start ? start : BigInt(p.committed);
  return from < BigInt(p.end) ? from.toString() : null;
}
