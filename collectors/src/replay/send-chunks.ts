import type { Message } from 'kafkajs';

/** Per partition per produce request: under the broker's default 1 MiB message.max.bytes. */
const MAX_PARTITION_BYTES = 900 * 1024;

export interface Outgoing {
  topic: string;
  partition: number;
  message: Message;
  bytes: number;
}

/**
 * Packs messages (partitions already chosen) into produce requests, keeping their order, each
 * holding at most MAX_PARTITION_BYTES per partition (one record batch per partition).
 */
export function sendChunks(messages: readonly Outgoing[]) {
  const chunks: Array<Array<{ topic: string; messages: Message[] }>> = [];
  let current = new Map<string, Message[]>();
  let bytes = new Map<string, number>();
  const flush = () => {
    if (current.size === 0) return;
    chunks.push([...current].map(([topic, msgs]) => ({ topic, messages: msgs })));
    current = new Map();
    bytes = new Map();
  };
  for (const m of messages) {
    const slot = `${m.topic}\u0000${m.partition}`;
    const used = bytes.get(slot) ?? 0;
    if (used > 0 && used + m.bytes > MAX_PARTITION_BYTES) flush();
    bytes.set(slot, (bytes.get(slot) ?? 0) + m.bytes);
    let list = current.get(m.topic);
    if (!list) {
      list = [];
      current.set(m.topic, list);
    }
    list.push(m.message);
  }
  flush();
  return chunks;
}
