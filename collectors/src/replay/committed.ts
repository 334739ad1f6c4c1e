import type { Admin } from 'kafkajs';
import { replayGroupId, type ReplayRunOptions } from './engine-types';
import { retrying } from './errors';
import { decodeCounters } from './progress-metadata';
import { sleep } from './token-bucket';
import type { ReplayCounters } from './types';

/** A replay's progress as Kafka holds it: the offsets its transactions committed, with counters. */

const STALE_OFFSETS_RETRIES = 50;

export interface Committed {
  offset: bigint;
  counters: ReplayCounters;
}

async function fetchCommitted(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, Committed>> {
  const result = await retrying(() => admin.fetchOffsets({ groupId, topics: [topic] }));
  const out = new Map<number, Committed>();
  for (const t of result)
    for (const p of t.partitions)
      if (!p.offset.startsWith('-'))
        out.set(p.partition, { offset: BigInt(p.offset), counters: decodeCounters(p.metadata) });
  return out;
}

/**
 * Kafka's committed offsets, checked against the caller's stored positions: the caller stores
 * a position only after its transaction committed, so a committed offset behind it can only be
 * a view not yet updated. Wait for it rather than produce those records twice.
 */
export async function committedOffsets(
  admin: Admin,
  opts: ReplayRunOptions,
): Promise<Map<number, Committed>> {
  const groupId = replayGroupId(opts.replayId);
  for (let attempt = 0; ; attempt++) {
    const committed = await fetchCommitted(admin, groupId, opts.dlqTopic);
    const behind = opts.ranges.filter((r) => {
      const stored = opts.recorded?.get(r.partition);
      const at = committed.get(r.partition)?.offset ?? BigInt(r.from);
      return stored !== undefined && BigInt(stored) > at;
    });
    if (behind.length === 0) return committed;
    if (attempt >= STALE_OFFSETS_RETRIES)
      throw new Error(
        `the committed offsets of ${groupId} are behind the stored progress on partitions ${behind.map((r) => r.partition).join(', ')}; not replaying them twice`,
      );
    await sleep(200);
  }
}

/** Removes a finished replay's progress group (after the caller stored the final state). */
export async function deleteReplayGroup(admin: Admin, replayId: string): Promise<void> {
  try {
    await admin.deleteGroups([replayGroupId(replayId)]);
  } catch {
    // Already gone, or never committed anything.
  }
}
