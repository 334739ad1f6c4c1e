import { Partitioners, type Admin, type Message, type PartitionMetadata } from 'kafkajs';

/** Topics of `wanted` the cluster does not have (internal `__` topics count as missing). */
export async function missingTopics(admin: Admin, wanted: Iterable<string>): Promise<string[]> {
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
 * Picks each replayed record's partition in the target topic up front, with kafkajs' default
 * (Java-compatible) partitioner: the same choice kafkajs would make, known before sending, so a
 * transaction's records can be packed into as few produce requests as the per-partition batch
 * limit allows.
 */
export class TargetPartitions {
  private readonly metadata = new Map<string, PartitionMetadata[]>();
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(private readonly admin: Admin) {}

  /** Loads topics not seen yet; throws TargetMissingError for any that does not exist. */
  async prepare(topics: Iterable<string>): Promise<void> {
    const fresh = [...new Set(topics)].filter((t) => !this.metadata.has(t));
    if (fresh.length === 0) return;
    const missing = await missingTopics(this.admin, fresh);
    if (missing.length > 0) throw new TargetMissingError(missing);
    const { topics: meta } = await this.admin.fetchTopicMetadata({ topics: fresh });
    for (const t of meta) this.metadata.set(t.name, t.partitions);
  }

  partition(topic: string, message: Message): number {
    const partitionMetadata = this.metadata.get(topic) ?? [];
    return this.partitioner({ topic, partitionMetadata, message });
  }
}
