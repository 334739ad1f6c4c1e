/**
 * DLQs on a real broker: found by name (with Spring headers decoded into error classes) and
 * by dead-letter headers alone (Kafka Connect), with depth, age and inflow.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { createTestKafka } from '@eventscope/tools/kafka';
import { silentLogger } from '../logger';
import { createSampler, type Sampler } from '../sampler';
import { createTopic, produce, testCluster } from '../testing/int-helpers';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const samplers: Sampler[] = [];
const eventually = { timeout: 20_000, interval: 300 };

beforeAll(() => admin.connect());
afterAll(async () => {
  await Promise.allSettled(samplers.map((s) => s.stop()));
  await admin.disconnect();
});

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

function newSampler(handled: Record<string, number> = {}): Sampler {
  const sampler = createSampler(testCluster(brokers), {
    intervalMs: 300,
    windowSize: 3,
    logger: silentLogger,
    onSnapshot: () => undefined,
    headerScanIntervalMs: 0,
    handledCount: (topic) => handled[topic] ?? 0,
  });
  samplers.push(sampler);
  return sampler;
}

const dlqOf = (s: ClusterSnapshot, topic: string) => s.dlqs.find((d) => d.topic === topic);

describe('DLQ discovery on a real broker', () => {
  it('finds <topic>.DLQ by name, decodes Spring headers into error classes, and subtracts handled records', async () => {
    const source = await createTopic(admin, 'payments', 1);
    const dlq = `${source}.DLQ`;
    await admin.createTopics({ topics: [{ topic: dlq, numPartitions: 2 }], waitForLeaders: true });
    const oldest = Date.now() - 120_000;
    const spring = (cls: string) => ({
      'kafka_dlt-original-topic': source,
      'kafka_dlt-original-partition': int32(0),
      'kafka_dlt-original-offset': int64(41n),
      'kafka_dlt-exception-fqcn': cls,
      'kafka_dlt-exception-message': 'bad amount',
    });
    await produce(kafka, dlq, 4, 2, {
      headers: spring('com.shop.PoisonPayment'),
      timestamp: String(oldest),
    });
    await produce(kafka, dlq, 2, 2, { headers: spring('java.lang.IllegalStateException') });
    const sampler = newSampler({ [dlq]: 1 });
    await vi.waitFor(async () => {
      const snapshot = await sampler.sampleOnce();
      const found = dlqOf(snapshot, dlq);
      expect(found).toMatchObject({
        sourceTopics: [source],
        discoveredBy: ['name'],
        depth: 5,
        errorClasses: [
          expect.objectContaining({ class: 'com.shop.PoisonPayment', count: 4 }),
          expect.objectContaining({ class: 'java.lang.IllegalStateException', count: 2 }),
        ],
      });
      const age = (Date.parse(snapshot.at) - oldest) / 1000;
      expect(Math.abs((found?.oldestAgeSeconds ?? 0) - age)).toBeLessThanOrEqual(1);
      expect(snapshot.topics.find((t) => t.topic === dlq)?.isDlq).toBe(true);
    }, eventually);
  });

  it('finds a DLQ with no conventional name by its Connect dead-letter headers', async () => {
    const source = await createTopic(admin, 'orders', 1);
    const dead = await createTopic(admin, 'sink-errors', 1);
    await produce(kafka, dead, 3, 1, {
      headers: {
        '__connect.errors.topic': source,
        '__connect.errors.partition': '0',
        '__connect.errors.offset': '17',
        '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
      },
    });
    const sampler = newSampler();
    await vi.waitFor(async () => {
      const found = dlqOf(await sampler.sampleOnce(), dead);
      expect(found).toMatchObject({
        sourceTopics: [source],
        discoveredBy: ['headers'],
        depth: 3,
        errorClasses: [
          expect.objectContaining({
            class: 'org.apache.kafka.connect.errors.DataException',
            count: 3,
          }),
        ],
      });
    }, eventually);
    // The source itself carries no dead-letter headers and is no DLQ.
    expect(dlqOf(await sampler.sampleOnce(), source)).toBeUndefined();
  });
});
