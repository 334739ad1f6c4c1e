/**
 * The read-only tap through the sampler: new records' sizes (key + value + headers) show up
 * as the topic's size quantiles, and the tap's group never appears among the groups.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { createTestKafka } from '@eventscope/tools/kafka';
import { TAP_GROUP_PREFIX } from '../kafka/record-reader';
import { silentLogger } from '../logger';
import { createSampler, type Sampler } from '../sampler';
import { createTopic, testCluster } from '../testing/int-helpers';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const producer = kafka.producer();
let sampler: Sampler | undefined;

beforeAll(async () => {
  await admin.connect();
  await producer.connect();
});
afterAll(async () => {
  await sampler?.stop();
  await producer.disconnect();
  await admin.disconnect();
});

describe('size tap', () => {
  it('measures key + value + header bytes of new records per topic', async () => {
    const topic = await createTopic(admin, 'sizes', 2);
    sampler = createSampler(testCluster(brokers), {
      intervalMs: 300,
      windowSize: 3,
      logger: silentLogger,
      onSnapshot: () => undefined,
      tapTopics: (topics) => topics.filter((t) => t === topic),
    });
    // 3 + 1000 + (4 + 2) = 1009 bytes per record.
    const record = { key: 'abc', value: Buffer.alloc(1000, 1), headers: { h123: 'xy' } };
    let snapshot: ClusterSnapshot | undefined;
    await vi.waitFor(
      async () => {
        // The tap reads from the end once it has joined: keep writing until it sees records.
        await producer.send({ topic, messages: [record, record] });
        snapshot = await sampler?.sampleOnce();
        const stats = snapshot?.topics.find((t) => t.topic === topic);
        expect(stats?.size?.count ?? 0).toBeGreaterThan(0);
        expect(Math.abs((stats?.size?.p50 ?? 0) - 1009)).toBeLessThanOrEqual(11);
        expect(stats?.size?.max).toBe(1009);
        expect(stats?.bytesPerSecond ?? 0).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 300 },
    );
    expect(snapshot?.groups.some((g) => g.group.startsWith(TAP_GROUP_PREFIX))).toBe(false);
  });
});
