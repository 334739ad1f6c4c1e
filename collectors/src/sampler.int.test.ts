/**
 * The sampler against the harness broker: exact lag in messages, lag in seconds against
 * known record timestamps, and the Burrow-style statuses driven by real consumers.
 */
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { silentLogger } from './logger';
import { createSampler, type Sampler } from './sampler';
import {
  commitOffsets,
  createTopic,
  findGroup,
  lagByPartition,
  produce,
  testCluster,
} from './testing/int-helpers';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const consumers: Consumer[] = [];
const samplers: Sampler[] = [];
const INTERVAL_MS = 300;
const eventually = { timeout: 20_000, interval: INTERVAL_MS };

beforeAll(() => admin.connect());

afterAll(async () => {
  await Promise.allSettled(samplers.map((s) => s.stop()));
  await Promise.allSettled(consumers.map((c) => c.disconnect()));
  await admin.disconnect();
});

function newSampler(windowSize = 5): Sampler {
  const sampler = createSampler(testCluster(brokers), {
    intervalMs: INTERVAL_MS,
    windowSize,
    logger: silentLogger,
    onSnapshot: () => undefined,
  });
  samplers.push(sampler);
  return sampler;
}

/**
 * A real consumer that processes exactly `quota[partition]` records per partition, commits
 * them, and then pauses that partition (so its committed offsets are known exactly).
 */
async function consumeExactly(
  topic: string,
  groupId: string,
  quota: Record<number, number>,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  consumers.push(consumer);
  const done = new Set<number>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message, pause }) => {
      const want = quota[partition] ?? 0;
      const next = Number(message.offset) + 1;
      if (done.has(partition) || next > want) return;
      if (next === want) {
        await consumer.commitOffsets([{ topic, partition, offset: String(next) }]);
        done.add(partition);
        pause();
      }
    },
  });
  await vi.waitFor(() => expect(done.size).toBe(Object.keys(quota).length), eventually);
  return consumer;
}

describe('sampler on a real broker', () => {
  it('reports exact lag per partition (1,000 produced, 400 consumed → 600), then EMPTY when members leave', async () => {
    const topic = await createTopic(admin, 'lag', 4);
    const groupId = uniqueName('lag-group');
    await produce(kafka, topic, 1000, 4); // 250 per partition
    const consumer = await consumeExactly(topic, groupId, { 0: 100, 1: 100, 2: 150, 3: 50 });
    const sampler = newSampler();

    let snapshot: ClusterSnapshot | undefined;
    await vi.waitFor(async () => {
      snapshot = await sampler.sampleOnce();
      expect(findGroup(snapshot, groupId)?.lagMessages).toBe(600);
    }, eventually);
    const group = snapshot && findGroup(snapshot, groupId);
    expect(lagByPartition(group)).toEqual({ 0: 150, 1: 150, 2: 100, 3: 200 });
    expect(group?.partitions.map((p) => p.committedOffset)).toEqual(['100', '100', '150', '50']);
    expect(group?.partitions.every((p) => p.endOffset === '250' && p.startOffset === '0')).toBe(
      true,
    );
    expect(group?.members).toHaveLength(1);
    expect(group?.partitions.every((p) => p.memberId === group.members[0]?.memberId)).toBe(true);
    expect(group?.status.code).not.toBe('EMPTY');
    // Records were written moments ago: lag seconds is small, known, and exact (not a bound).
    expect(group?.lagSeconds).not.toBeNull();
    expect(group?.lagSeconds ?? Infinity).toBeLessThan(30);
    expect(snapshot?.requests).toBeGreaterThan(0);

    await consumer.disconnect();
    await vi.waitFor(async () => {
      const after = findGroup(await sampler.sampleOnce(), groupId);
      expect(after?.status.code).toBe('EMPTY');
      expect(after?.status.reason).toBe('the group has no members and is 600 messages behind');
      expect(after?.lagMessages).toBe(600);
    }, eventually);
  });

  it('reports 0 messages and 0 s for a caught-up group on an idle topic', async () => {
    const topic = await createTopic(admin, 'idle', 2);
    const groupId = uniqueName('idle-group');
    await produce(kafka, topic, 10, 2);
    await consumeExactly(topic, groupId, { 0: 5, 1: 5 });
    const sampler = newSampler();
    await vi.waitFor(async () => {
      const group = findGroup(await sampler.sampleOnce(), groupId);
      expect(group?.lagMessages).toBe(0);
      expect(group?.lagSeconds).toBe(0);
      expect(group?.status).toEqual({ code: 'OK', reason: 'caught up' });
    }, eventually);
  });

  it('reports lag seconds within one interval of the records’ own timestamps (90 s behind)', async () => {
    const topic = await createTopic(admin, 'behind', 2);
    const groupId = uniqueName('behind-group');
    const writtenAt = Date.now() - 90_000;
    // 20 records 2 minutes old (consumed), then 20 records 90 s old (not consumed).
    await produce(kafka, topic, 20, 2, { timestamp: String(writtenAt - 30_000) });
    await produce(kafka, topic, 20, 2, { timestamp: String(writtenAt) });
    await commitOffsets(kafka, groupId, topic, { 0: '10', 1: '10' });
    const sampler = newSampler();
    await vi.waitFor(async () => {
      const snapshot = await sampler.sampleOnce();
      const group = findGroup(snapshot, groupId);
      const truth = (Date.parse(snapshot.at) - writtenAt) / 1000;
      expect(group?.lagMessages).toBe(20);
      expect(group?.lagSecondsIsLowerBound).toBe(false);
      expect(Math.abs((group?.lagSeconds ?? 0) - truth)).toBeLessThanOrEqual(INTERVAL_MS / 1000);
    }, eventually);
  });

  it('reports STALL then STOP for a member that stopped committing while traffic flows', async () => {
    const topic = await createTopic(admin, 'stall', 1);
    const groupId = uniqueName('stall-group');
    await produce(kafka, topic, 10, 1);
    await commitOffsets(kafka, groupId, topic, { 0: '5' });
    // A live member that reads but never commits.
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    const producer = kafka.producer();
    await producer.connect();
    const traffic = setInterval(() => {
      producer.send({ topic, messages: [{ value: 'tick' }] }).catch(() => undefined);
    }, 100);
    try {
      const sampler = newSampler(4);
      const seen: string[] = [];
      await vi.waitFor(async () => {
        const group = findGroup(await sampler.sampleOnce(), groupId);
        if (group) seen.push(group.status.code);
        expect(group?.status.code).toBe('STOP');
        expect(group?.status.reason).toMatch(
          /^stall-.*\/0: offsets have not moved for .* while lag grew by \d+ to \d+$/,
        );
      }, eventually);
      expect(seen).toContain('STALL');
      expect(seen.indexOf('STALL')).toBeLessThan(seen.indexOf('STOP'));
    } finally {
      clearInterval(traffic);
      await producer.disconnect();
    }
  });

  it('reports REWIND when a group’s committed offset is set back and stays there', async () => {
    const topic = await createTopic(admin, 'rewind', 1);
    const groupId = uniqueName('rewind-group');
    await produce(kafka, topic, 100, 1);
    await commitOffsets(kafka, groupId, topic, { 0: '90' });
    const sampler = newSampler();
    await vi.waitFor(async () => {
      expect(findGroup(await sampler.sampleOnce(), groupId)?.lagMessages).toBe(10);
    }, eventually);
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '20' }] });
    // A member that joins and does not consume: the group is not EMPTY, the offset stays at 20.
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ pause }) => {
        pause();
      },
    });
    await vi.waitFor(async () => {
      const group = findGroup(await sampler.sampleOnce(), groupId);
      expect(group?.members).toHaveLength(1);
      expect(group?.status).toEqual({
        code: 'REWIND',
        reason: `${topic}/0: committed offset went back from 90 to 20 and has not recovered; lag is 80`,
      });
    }, eventually);
  });
});
