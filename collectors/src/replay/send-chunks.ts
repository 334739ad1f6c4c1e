import type { OutgoingRecord } from '../kafka/wire/record-batch';
import type { PartitionRecords } from '../kafka/wire/txn-producer';

/** Per partition per produce request: under the broker's default 1 MiB message.max.bytes. */
const MAX_PARTITION_BYTES = 900 * 1024;

export interface Outgoing {
  topic: string;
  partition: number;
  record: OutgoingRecord;
  /** An upper estimate of the record's encoded size. */
  bytes: number;
}

/**
 * Packs records (partitions already chosen) into produce requests, keeping their order, each
 * holding at most MAX_PARTITION_BYTES per partition (one record batch per partition).
 */
export function sendChunks(records: readonly Outgoing[]): PartitionRecords[][] {
  const chunks: PartitionRecords[][] = [];
  let current = new Map<string, { topic: string; partition: number; records: OutgoingRecord[] }>();
  let bytes = new Map<string, number>();
  const flush = () => {
    if (current.size === 0) return;
    chunks.push([...current.values()]);
    current = new Map();
    bytes = new Map();
  };
  for (const m of records) {
    const slot = `${m.topic}\u0000${m.partition}`;
    const used = bytes.get(slot) ?? 0;
    if (used > 0 && used + m.bytes > MAX_PARTITION_BYTES) flush();
    bytes.set(slot, (bytes.get(slot) ?? 0) + m.bytes);
    let batch = current.get(slot);
    if (!batch) {
      batch = { topic: m.topic, partition: m.partition, records: [] };
      current.set(slot, batch);
    }
    batch.records.push(m.record);
  }
  flush();
  return chunks;
}
