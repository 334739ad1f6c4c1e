import { randomInt } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { keyPartition } from '../kafka/murmur2';

/** Topics of `wanted` the cluster does not have (internal `__` topics count as missing). */
export async function missingTopics(
  admin: Pick<Admin, 'listTopics'>,
  wanted: Iterable<string>,
): Promise<string[]> {
  const names = [...new Set(wanted)];
  if (names.length === 0) return [];
  const existing = new Set(await admin.listTopics());
  return names.filter((t) => !existing.has(t) || t.startsWith('__')).sort();
}

/** A target topic is missing: the replay cannot start (the api answers 409 with the reason). */
export class TargetMissingError extends Error {
  override name = 'TargetMissingError';
  constructor(readonly topics: readonly string[]) {
    super(
      topics.length === 1
        ? `target topic "${topics[0] ?? ''}" does not exist`
        : `target topics ${topics.map((t) => `"${t}"`).join(', ')} do not exist`,
    );
  }
}

/**
 * Picks each replayed record's partition in the target topic up front, as the Java client's and
 * kafkajs' default partitioner do: a keyed record by the murmur2 hash of its key, keyless ones
 * round-robin over the partitions that have a leader. Known before sending, so a transaction's
 * records can be packed into as few produce requests as the per-partition batch limit allows.
 */
interface TopicPartitions {
  count: number;
  /** Partitions with a leader (all of them when none has one). */
  available: number[];
  next: number;
}

export class TargetPartitions {
  private readonly topics = new Map<string, TopicPartitions>();

  constructor(private readonly admin: Pick<Admin, 'listTopics' | 'fetchTopicMetadata'>) {}

  /** Loads topics not seen yet; throws TargetMissingError for any that does not exist. */
  async prepare(topics: Iterable<string>): Promise<void> {
    const fresh = [...new Set(topics)].filter((t) => !this.topics.has(t));
    if (fresh.length === 0) return;
    const missing = await missingTopics(this.admin, fresh);
    if (missing.length > 0) throw new TargetMissingError(missing);
    const { topics: meta } = await this.admin.fetchTopicMetadata({ topics: fresh });
    for (const t of meta) {
      const all = t.partitions.map((p) => p.partitionId).sort((a, b) => a - b);
      const led = t.partitions.filter((p) => p.leader >= 0).map((p) => p.partitionId);
      this.topics.set(t.name, {
        count: t.partitions.length,
        available: led.length > 0 ? led.sort((a, b) => a - b) : all,
        next: randomInt(0x7fffffff),
      });
    }
  }

  partition(topic: string, key: Buffer | null): number {
    const t = this.topics.get(topic);
    if (!t || t.count === 0) return 0;
    if (key !== null) return keyPartition(key, t.count);
    t.next = (t.next + 1) & 0x7fffffff;
    return t.available[t.next % t.available.length] ?? 0;
  }
}
