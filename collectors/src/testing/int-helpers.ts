/**
 * Helpers shared by the collectors' integration suites (not exported from the package).
 * Each suite makes its own topics and groups with uniqueName(), so suites never share state.
 */
import type { Admin, Kafka, Message } from 'kafkajs';
import type { ClusterConfig, ClusterSnapshot, GroupLag } from '@eventscope/shared';
import { uniqueName } from '@eventscope/tools/kafka';

export function testCluster(brokers: string[], requestTimeoutMs = 2000): ClusterConfig {
  return {
    id: uniqueName('cluster'),
    brokers,
    clientId: 'eventscope-collectors-test',
    ssl: false,
    sslRejectUnauthorized: true,
    requestTimeoutMs,
  };
}

export async function createTopic(
  admin: Admin,
  prefix: string,
  numPartitions = 1,
): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  return topic;
}

/** Sends `count` records round-robin over `partitions`, in one request. */
export async function produce(
  kafka: Kafka,
  topic: string,
  count: number,
  partitions: number,
  extra: Partial<Message> = {},
): Promise<void> {
  // Idempotent: a retry after a metadata change (partitions added) must not duplicate records.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const messages: Message[] = Array.from({ length: count }, (_, i) => ({
      partition: i % partitions,
      value: `record-${i}`,
      ...extra,
    }));
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

export function findGroup(snapshot: ClusterSnapshot, group: string): GroupLag | undefined {
  return snapshot.groups.find((g) => g.group === group);
}

/** Per-partition lag of a group as { partition: lag }. */
export function lagByPartition(group: GroupLag | undefined): Record<number, number | null> {
  return Object.fromEntries((group?.partitions ?? []).map((p) => [p.partition, p.lagMessages]));
}

/**
 * Commits a group's offsets through a transactional producer (much faster than
 * admin.setOffsets, which joins the group), then waits until the broker shows them.
 */
export async function commitOffsets(
  kafka: Kafka,
  groupId: string,
  topic: string,
  offsets: Record<number, string>,
): Promise<void> {
  // A fresh broker may still be loading its coordinators (NOT_COORDINATOR): retry a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await commitInTransaction(kafka, groupId, topic, offsets);
      break;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Offsets committed in a transaction become visible a few ms after the commit.
    for (let attempt = 0; attempt < 100; attempt++) {
      const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const seen = Object.fromEntries(
        (result?.partitions ?? []).map((p) => [p.partition, p.offset]),
      );
      if (Object.entries(offsets).every(([p, o]) => seen[Number(p)] === o)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`offsets of ${groupId} did not become visible`);
  } finally {
    await admin.disconnect();
  }
}

async function commitInTransaction(
  kafka: Kafka,
  groupId: string,
  topic: string,
  offsets: Record<number, string>,
): Promise<void> {
  const producer = kafka.producer({
    transactionalId: uniqueName('commit'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    const tx = await producer.transaction();
    try {
      await tx.sendOffsets({
        consumerGroupId: groupId,
        topics: [
          {
            topic,
            partitions: Object.entries(offsets).map(([p, offset]) => ({
              partition: Number(p),
              offset,
            })),
          },
        ],
      });
      await tx.commit();
    } catch (error) {
      await tx.abort().catch(() => undefined);
      throw error;
    }
  } finally {
    await producer.disconnect();
  }
}
export * from '../replay/testing';

/** Sends a record every `everyMs` until stopped: traffic that keeps flowing while a consumer stops. */
export async function startTraffic(
  kafka: Kafka,
  topic: string,
  everyMs = 100,
): Promise<{ stop(): Promise<void> }> {
  const producer = kafka.producer();
  await producer.connect();
  let producing = true;
  const loop = (async () => {
    while (producing) {
      await producer.send({ topic, messages: [{ value: `order-${Date.now()}` }] });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      producing = false;
      await loop;
      await producer.disconnect();
    },
  };
}

/** A running consumer of `topic` in `groupId`, from the beginning, committing as kafkajs does. */
export async function startConsumer(kafka: Kafka, groupId: string, topic: string) {
  const consumer = kafka.consumer({ groupId, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  return consumer;
}
