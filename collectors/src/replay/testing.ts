/**
 * Helpers for the replay integration suites (collectors and api): dead letters with Spring and
 * Connect headers, and an independent read_committed reader that counts exactly what a topic
 * holds. Test-only: exported through `@eventscope/collectors/testing`.
 */
import { randomBytes } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage, Message } from 'kafkajs';

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

export interface DeadLetterSpec {
  convention: 'spring' | 'connect';
  originTopic: string;
  originPartition: number;
  originOffset: number;
  errorClass: string;
  message?: string;
}

export function deadLetterHeaders(spec: DeadLetterSpec): IHeaders {
  if (spec.convention === 'spring')
    return {
      'kafka_dlt-original-topic': spec.originTopic,
      'kafka_dlt-original-partition': int32(spec.originPartition),
      'kafka_dlt-original-offset': int64(BigInt(spec.originOffset)),
      'kafka_dlt-original-timestamp': int64(BigInt(Date.now())),
      'kafka_dlt-original-consumer-group': 'payments-service',
      'kafka_dlt-exception-fqcn': spec.errorClass,
      'kafka_dlt-exception-message': spec.message ?? 'failed',
    };
  return {
    '__connect.errors.topic': spec.originTopic,
    '__connect.errors.partition': String(spec.originPartition),
    '__connect.errors.offset': String(spec.originOffset),
    '__connect.errors.connector.name': 'sink',
    '__connect.errors.exception.class.name': spec.errorClass,
    '__connect.errors.exception.message': spec.message ?? 'failed',
  };
}

/**
 * Creates topics and waits until every partition has a leader (KRaft brokers publish new
 * topics' metadata a moment after CreateTopics answers).
 */
export async function createTopics(
  kafka: Kafka,
  topics: ReadonlyArray<{ topic: string; numPartitions: number }>,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [...topics] });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({
          topics: topics.map((t) => t.topic),
        });
        const ready = topics.every((t) => {
          const m = meta.find((x) => x.name === t.topic);
          return (
            m?.partitions.length === t.numPartitions && m.partitions.every((p) => p.leader >= 0)
          );
        });
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error('new topics got no leaders in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Sends messages in requests of at most `chunk`, idempotently (a retry never duplicates). */
export async function produceAll(
  kafka: Kafka,
  topic: string,
  messages: readonly Message[],
  chunk = 2000,
): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += chunk)
      await producer.send({ topic, messages: messages.slice(i, i + chunk) });
  } finally {
    await producer.disconnect();
  }
}

export type ReadRecord = KafkaMessage & { partition: number };

/**
 * Every record a read_committed consumer sees in `topic`, up to the end offsets at the call:
 * reads until each partition's position passes its end (markers included), so the count is
 * exact, not "at least".
 */
export async function readCommitted(
  kafka: Kafka,
  topic: string,
  timeoutMs = 30_000,
): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]),
  );
  await admin.disconnect();
  const positions = new Map<number, bigint>();
  const done = () => [...ends].every(([p, end]) => (positions.get(p) ?? 0n) >= end);
  // Keyed by position: a consumer that rejoins its group (a missed heartbeat on a loaded
  // machine) starts over from the beginning, and must not make the log look duplicated.
  const records = new Map<string, ReadRecord>();
  if (done()) return [];
  const consumer = kafka.consumer({
    groupId: `test-read-${randomBytes(6).toString('hex')}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const advance = (partition: number, last: string) => {
    const next = BigInt(last) + 1n;
    if (next > (positions.get(partition) ?? 0n)) positions.set(partition, next);
  };
  consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize === 0) advance(payload.partition, payload.lastOffset);
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages)
          records.set(`${batch.partition}/${m.offset}`, { ...m, partition: batch.partition });
        advance(batch.partition, batch.lastOffset());
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`reading ${topic} did not reach its end in time`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await consumer.disconnect();
  }
  return [...records.values()];
}

/** A header's value as text (kafkajs hands Buffers). */
export function headerText(m: Pick<KafkaMessage, 'headers'>, name: string): string | undefined {
  const v = m.headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}
