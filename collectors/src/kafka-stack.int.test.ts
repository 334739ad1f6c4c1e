/**
 * Proves the client stack the collectors rely on against a real broker (the harness Kafka):
 * headers survive byte for byte, admin reports committed and end offsets, and transactions
 * hide aborted records and offsets from read_committed readers.
 */
import type { Consumer, EachMessagePayload, IHeaders, KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';

const kafka = createTestKafka(inject('kafkaBrokers'));
const admin = kafka.admin();
const clients: Array<{ disconnect(): Promise<void> }> = [];
const eventually = { timeout: 20_000, interval: 50 };

beforeAll(() => admin.connect());

afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.disconnect()));
  await admin.disconnect();
});

async function createTopic(prefix: string, numPartitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  return topic;
}

/** Starts a group consumer that records every message it sees, from the beginning of the topic. */
async function consumeAll(
  topic: string,
  options: { groupId?: string; readUncommitted?: boolean } = {},
): Promise<{ consumer: Consumer; messages: EachMessagePayload[] }> {
  const consumer = kafka.consumer({
    groupId: options.groupId ?? uniqueName('reader'),
    readUncommitted: options.readUncommitted ?? false,
    maxWaitTimeInMs: 100,
  });
  clients.push(consumer);
  const messages: EachMessagePayload[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async (payload) => {
      messages.push(payload);
    },
  });
  return { consumer, messages };
}

function header(message: KafkaMessage, name: string): IHeaders[string] {
  return message.headers?.[name];
}

async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return Object.fromEntries((result?.partitions ?? []).map((p) => [p.partition, p.offset]));
}

describe('kafka client stack on a real broker', () => {
  it('round-trips string and binary headers byte-exact and reports committed and end offsets', async () => {
    const topic = await createTopic('headers', 2);
    const groupId = uniqueName('headers-group');
    const originalPartition = Buffer.alloc(4);
    originalPartition.writeInt32BE(7);
    const originalOffset = Buffer.alloc(8);
    originalOffset.writeBigInt64BE(1_234_567_890_123n);
    const binary = Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x0a]);

    const producer = kafka.producer();
    clients.push(producer);
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          partition: 0,
          key: 'order-1',
          value: 'dead letter',
          headers: {
            'correlation-id': 'corr-42',
            'kafka_dlt-original-partition': originalPartition,
            'kafka_dlt-original-offset': originalOffset,
            'x-binary': binary,
          },
        },
        { partition: 1, key: 'order-2', value: 'second' },
        { partition: 1, key: 'order-3', value: 'third' },
      ],
    });

    const { consumer, messages } = await consumeAll(topic, { groupId });
    await vi.waitFor(() => expect(messages).toHaveLength(3), eventually);

    const dead = messages.find((m) => m.partition === 0)?.message;
    if (!dead) throw new Error('record on partition 0 not consumed');
    expect(dead.key?.toString()).toBe('order-1');
    expect(header(dead, 'correlation-id')).toEqual(Buffer.from('corr-42'));
    expect(header(dead, 'kafka_dlt-original-partition')).toEqual(originalPartition);
    expect(header(dead, 'kafka_dlt-original-offset')).toEqual(originalOffset);
    expect(header(dead, 'x-binary')).toEqual(binary);
    const partitionHeader = header(dead, 'kafka_dlt-original-partition');
    expect(Buffer.isBuffer(partitionHeader) && partitionHeader.readInt32BE(0)).toBe(7);

    // kafkajs commits after each batch; the commit lands asynchronously, so wait for it.
    await vi.waitFor(
      async () => expect(await committedOffsets(groupId, topic)).toEqual({ 0: '1', 1: '2' }),
      eventually,
    );
    const ends = await admin.fetchTopicOffsets(topic);
    expect(Object.fromEntries(ends.map((p) => [p.partition, p.high]))).toEqual({ 0: '1', 1: '2' });
    expect(ends.every((p) => p.low === '0')).toBe(true);

    const [description] = (await admin.describeGroups([groupId])).groups;
    expect(description?.state).toBe('Stable');
    expect(description?.members).toHaveLength(1);
    await consumer.disconnect();
  });

  it('shows read_committed readers only committed records, and commits only committed offsets', async () => {
    const source = await createTopic('tx-source');
    const sink = await createTopic('tx-sink');
    const groupId = uniqueName('tx-group');
    const producer = kafka.producer({
      transactionalId: uniqueName('tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    clients.push(producer);
    await producer.connect();

    const committed = await producer.transaction();
    await committed.send({ topic: sink, messages: [{ value: 'committed' }] });
    await committed.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: source, partitions: [{ partition: 0, offset: '1' }] }],
    });
    await committed.commit();

    const aborted = await producer.transaction();
    await aborted.send({ topic: sink, messages: [{ value: 'aborted' }] });
    await aborted.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: source, partitions: [{ partition: 0, offset: '2' }] }],
    });
    await aborted.abort();

    // A last committed record marks the end, so "the aborted one never shows" needs no sleep.
    const sentinel = await producer.transaction();
    await sentinel.send({ topic: sink, messages: [{ value: 'sentinel' }] });
    await sentinel.commit();

    const values = (messages: EachMessagePayload[]): Array<string | undefined> =>
      messages.map((m) => m.message.value?.toString());
    const readCommitted = await consumeAll(sink);
    await vi.waitFor(
      () => expect(values(readCommitted.messages)).toContain('sentinel'),
      eventually,
    );
    expect(values(readCommitted.messages)).toEqual(['committed', 'sentinel']);

    // The aborted record is in the log all the same: a read_uncommitted reader sees it.
    const readUncommitted = await consumeAll(sink, { readUncommitted: true });
    await vi.waitFor(
      () => expect(values(readUncommitted.messages)).toEqual(['committed', 'aborted', 'sentinel']),
      eventually,
    );

    // Three records and three transaction markers; markers are written asynchronously after commit.
    await vi.waitFor(
      async () => expect((await admin.fetchTopicOffsets(sink))[0]?.high).toBe('6'),
      eventually,
    );
    await vi.waitFor(
      async () => expect(await committedOffsets(groupId, source)).toEqual({ 0: '1' }),
      eventually,
    );
    await Promise.all([readCommitted.consumer.disconnect(), readUncommitted.consumer.disconnect()]);
  });
});
