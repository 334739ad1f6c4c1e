import { describe, expect, it } from 'vitest';
import { keyPartition } from '../kafka/murmur2';
import { TargetMissingError, TargetPartitions } from './targets';

const partition = (partitionId: number, leader: number) => ({
  partitionErrorCode: 0,
  partitionId,
  leader,
  replicas: [1],
  isr: [1],
});

const admin = {
  listTopics: () => Promise.resolve(['orders', 'payments']),
  fetchTopicMetadata: ({ topics = [] }: { topics?: string[] } = {}) =>
    Promise.resolve({
      topics: topics.map((name) => ({
        name,
        // payments: partition 1 has no leader right now
        partitions:
          name === 'payments'
            ? [partition(0, 1), partition(1, -1), partition(2, 1)]
            : [partition(0, 1), partition(1, 1)],
      })),
    }),
};

describe('TargetPartitions', () => {
  it('keyed records go where the Java client puts them, over all partitions', async () => {
    const targets = new TargetPartitions(admin);
    await targets.prepare(['payments', 'orders']);
    for (let i = 0; i < 200; i++) {
      const key = Buffer.from(`key-${i}`);
      expect(targets.partition('payments', key)).toBe(keyPartition(key, 3));
      expect(targets.partition('orders', key)).toBe(keyPartition(key, 2));
    }
  });

  it('keyless records go round-robin over the partitions that have a leader', async () => {
    const targets = new TargetPartitions(admin);
    await targets.prepare(['payments']);
    const picked = Array.from({ length: 6 }, () => targets.partition('payments', null));
    expect(new Set(picked)).toEqual(new Set([0, 2]));
    expect(picked.filter((p) => p === 0)).toHaveLength(3);
  });

  it('refuses a topic that does not exist, or an internal one', async () => {
    const targets = new TargetPartitions(admin);
    await expect(targets.prepare(['orders', 'nowhere', '__consumer_offsets'])).rejects.toEqual(
      new TargetMissingError(['__consumer_offsets', 'nowhere']),
    );
  });
});
