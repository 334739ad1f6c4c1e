/**
 * The batched wire adapter against a real broker: it reads the same state as the kafkajs
 * adapter (offsets, groups, members, committed offsets) with a handful of requests however
 * many groups and topics there are.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { silentLogger } from '../../logger';
import { commitOffsets, createTopic, produce, testCluster } from '../../testing/int-helpers';
import { createKafkaAdapter, type RawClusterState } from '../adapter';
import { createWireAdapter } from './wire-adapter';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const GROUPS = 60;
const topics: string[] = [];
const groups: string[] = [];

beforeAll(async () => {
  await admin.connect();
  for (let t = 0; t < 3; t++) {
    const topic = await createTopic(admin, 'wire', 4);
    await produce(kafka, topic, 100, 4);
    topics.push(topic);
  }
  for (let g = 0; g < GROUPS; g++) {
    const group = uniqueName('wire-group');
    groups.push(group);
    const topic = topics[g % topics.length] ?? '';
    // Partition 3 stays without a committed offset: it must be absent, never 0.
    await commitOffsets(kafka, group, topic, { 0: String(g % 25), 1: '7', 2: '25' });
  }
}, 120_000);
afterAll(() => admin.disconnect());

function ours(state: RawClusterState) {
  const mine = new Set(groups);
  return {
    offsets: topics.map((t) => [t, Object.fromEntries(state.offsets.get(t) ?? [])]),
    groups: state.groups
      .filter((g) => mine.has(g.group))
      .map((g) => ({ group: g.group, state: g.state, members: g.members.length }))
      .sort((a, b) => a.group.localeCompare(b.group)),
    committed: groups.map((g) => [
      g,
      [...(state.committed.get(g) ?? new Map<string, Map<number, string>>())].map(([t, p]) => [
        t,
        Object.fromEntries(p),
      ]),
    ]),
  };
}

describe('wire adapter', () => {
  it('reads what the kafkajs adapter reads, in a handful of requests', async () => {
    const cluster = testCluster(brokers, 5000);
    const wire = createWireAdapter(cluster, { logger: silentLogger, callTimeoutMs: 5000 });
    const kafkajs = createKafkaAdapter(kafka, { logger: silentLogger, callTimeoutMs: 5000 });
    try {
      expect(await wire.unsupported()).toBeNull();
      const [batched, perGroup] = [await wire.collect(), await kafkajs.collect()];
      expect(batched.errors).toEqual([]);
      expect(ours(batched)).toEqual(ours(perGroup));
      expect(ours(batched).committed[0]?.[1]).toEqual([[topics[0], { 0: '0', 1: '7', 2: '25' }]]);
      expect(batched.topics.get(topics[0] ?? '')).toEqual([0, 1, 2, 3]);
      expect(batched.brokers).toEqual(brokers);
      // One broker: Metadata, ListGroups, FindCoordinator, DescribeGroups, OffsetFetch, 2 × ListOffsets.
      expect(batched.requests).toBe(7);
      expect(perGroup.requests).toBeGreaterThan(GROUPS);
    } finally {
      await Promise.all([wire.close(), kafkajs.close()]);
    }
  });

  it('rejects when no broker answers (the sampler reports the cluster unreachable)', async () => {
    const wire = createWireAdapter(testCluster(['127.0.0.1:1'], 1000), {
      logger: silentLogger,
      callTimeoutMs: 1000,
    });
    await expect(wire.collect()).rejects.toThrow();
    await wire.close();
  });
});
