/**
 * Topics and groups created and deleted, and partitions added, while the sampler runs: every
 * sample stays reachable and the changes show up.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { silentLogger } from './logger';
import { createSampler, type Sampler } from './sampler';
import { commitOffsets, createTopic, findGroup, produce, testCluster } from './testing/int-helpers';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const INTERVAL_MS = 300;
const eventually = { timeout: 20_000, interval: 50 };
const snapshots: ClusterSnapshot[] = [];
let sampler: Sampler;

beforeAll(async () => {
  await admin.connect();
  sampler = createSampler(testCluster(brokers), {
    intervalMs: INTERVAL_MS,
    windowSize: 3,
    logger: silentLogger,
    onSnapshot: (snapshot) => void snapshots.push(snapshot),
  });
  sampler.start();
});

afterAll(async () => {
  await sampler.stop();
  await admin.disconnect();
});

const latest = (): ClusterSnapshot | undefined => snapshots.at(-1);
const topicOf = (name: string) => latest()?.topics.find((t) => t.topic === name);

describe('sampler while the cluster changes', () => {
  it('picks up created and deleted topics and groups and added partitions, without errors', async () => {
    const topic = await createTopic(admin, 'topo', 1);
    const groupId = uniqueName('topo-group');
    await produce(kafka, topic, 6, 1);
    await commitOffsets(kafka, groupId, topic, { 0: '2' });
    await vi.waitFor(
      () => expect(findGroup(latest() ?? never(), groupId)?.lagMessages).toBe(4),
      eventually,
    );
    expect(topicOf(topic)).toMatchObject({ partitions: 1, endOffsetSum: '6', startOffsetSum: '0' });
    await admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] });
    await produce(kafka, topic, 6, 3);
    await vi.waitFor(() => {
      expect(topicOf(topic)).toMatchObject({ partitions: 3, endOffsetSum: '12' });
      const group = findGroup(latest() ?? never(), groupId);
      expect(group?.partitions.map((p) => [p.partition, p.committedOffset])).toEqual([
        [0, '2'],
        [1, null],
        [2, null],
      ]);
      // Partitions without a committed offset are unknown, never 0.
      expect(group?.lagMessages).toBe(6);
    }, eventually);
    const mark = snapshots.length;
    await admin.deleteGroups([groupId]);
    await vi.waitFor(
      () => expect(findGroup(latest() ?? never(), groupId)).toBeUndefined(),
      eventually,
    );
    await admin.deleteTopics({ topics: [topic] });
    await vi.waitFor(() => expect(topicOf(topic)).toBeUndefined(), eventually);
    const other = await createTopic(admin, 'topo-after', 2);
    await produce(kafka, other, 4, 2);
    await vi.waitFor(
      () => expect(topicOf(other)).toMatchObject({ partitions: 2, endOffsetSum: '4' }),
      eventually,
    );
    expect(snapshots.slice(mark).every((s) => s.reachable)).toBe(true);
    expect(snapshots.every((s) => s.reachable)).toBe(true);
  });
});

function never(): never {
  throw new Error('no snapshot yet');
}
