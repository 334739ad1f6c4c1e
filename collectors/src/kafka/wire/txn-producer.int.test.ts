/**
 * The wire-level transactional producer against a real broker: records and group offsets (with
 * their metadata) commit together; a new producer with the same transactional id fences the old
 * one and aborts the transaction a killed process left open, so read_committed readers never
 * see it; a refused batch aborts the whole transaction.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { isFenced } from '../../replay/errors';
import { createTopics, headerText, readCommitted } from '../../replay/testing';
import { testCluster } from '../../testing/int-helpers';
import type { OutgoingRecord } from './record-batch';
import { TransactionalProducer, type TxnOffsets } from './txn-producer';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const cluster = testCluster(brokers, 30_000);
const admin = kafka.admin();
const open: TransactionalProducer[] = [];

beforeAll(() => admin.connect());
afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await admin.disconnect();
});

function producer(transactionalId: string): TransactionalProducer {
  const p = new TransactionalProducer({ cluster, transactionalId, transactionTimeoutMs: 60_000 });
  open.push(p);
  return p;
}

const records = (from: number, count: number, tag: string): OutgoingRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`key-${from + i}`),
    value: Buffer.from(JSON.stringify({ i: from + i })),
    headers: { tag, bin: Buffer.from([0, 255, from + i]) },
  }));

const offsets = (groupId: string, topic: string, offset: number): TxnOffsets => ({
  groupId,
  topic,
  partitions: [{ partition: 0, offset: String(offset), metadata: `{"at":${offset}}` }],
});

async function committed(groupId: string, topic: string) {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return t?.partitions.find((p) => p.partition === 0);
}

describe('TransactionalProducer', () => {
  it('commits records on several partitions and group offsets with metadata, together', async () => {
    const topic = uniqueName('txn-out');
    const source = uniqueName('txn-src');
    await createTopics(kafka, [
      { topic, numPartitions: 2 },
      { topic: source, numPartitions: 1 },
    ]);
    const group = uniqueName('txn-group');
    const p = producer(uniqueName('txn'));
    await p.init();
    await p.transact(
      [
        [
          { topic, partition: 0, records: records(0, 3, 'a') },
          { topic, partition: 1, records: records(3, 2, 'a') },
        ],
        [{ topic, partition: 0, records: records(5, 1, 'a') }],
      ],
      offsets(group, source, 6),
    );
    await p.transact(
      [[{ topic, partition: 1, records: records(6, 4, 'b') }]],
      offsets(group, source, 10),
    );

    const out = await readCommitted(kafka, topic);
    expect(out.map((m) => m.key?.toString()).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `key-${i}`).sort(),
    );
    const first = out.find((m) => m.key?.toString() === 'key-4');
    expect(first?.partition).toBe(1);
    expect(first?.value?.toString()).toBe('{"i":4}');
    expect(headerText(first ?? {}, 'tag')).toBe('a');
    expect(first?.headers?.bin).toEqual(Buffer.from([0, 255, 4]));
    // Partition 0 holds key-0..2 then key-5, in that order.
    expect(out.filter((m) => m.partition === 0).map((m) => m.key?.toString())).toEqual([
      'key-0',
      'key-1',
      'key-2',
      'key-5',
    ]);
    expect(await committed(group, source)).toMatchObject({ offset: '10', metadata: '{"at":10}' });
  });

  it('a restarted producer fences the old one and aborts the transaction left open', async () => {
    const topic = uniqueName('txn-fence');
    const source = uniqueName('txn-fence-src');
    await createTopics(kafka, [
      { topic, numPartitions: 1 },
      { topic: source, numPartitions: 1 },
    ]);
    const id = uniqueName('txn');
    const group = uniqueName('txn-group');
    const old = producer(id);
    await old.init();
    await old.transact(
      [[{ topic, partition: 0, records: records(0, 2, 'old') }]],
      offsets(group, source, 2),
    );

    // A process that dies mid-transaction: its records are written, the transaction never ends.
    const killed = kafka.producer({
      transactionalId: id,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await killed.connect();
    const tx = await killed.transaction();
    await tx.send({ topic, messages: [{ key: 'lost', value: 'never visible' }] });
    await tx.sendOffsets({
      consumerGroupId: group,
      topics: [{ topic: source, partitions: [{ partition: 0, offset: '99' }] }],
    });

    const restarted = producer(id);
    await restarted.init();
    await killed.disconnect();
    await restarted.transact(
      [[{ topic, partition: 0, records: records(2, 3, 'new') }]],
      offsets(group, source, 5),
    );

    const out = await readCommitted(kafka, topic);
    expect(out.map((m) => m.key?.toString())).toEqual([
      'key-0',
      'key-1',
      'key-2',
      'key-3',
      'key-4',
    ]);
    expect(await committed(group, source)).toMatchObject({ offset: '5', metadata: '{"at":5}' });

    const stale = old.transact(
      [[{ topic, partition: 0, records: records(9, 1, 'stale') }]],
      offsets(group, source, 6),
    );
    await expect(stale).rejects.toSatisfy(isFenced);
    expect(await readCommitted(kafka, topic)).toHaveLength(5);
    expect(await committed(group, source)).toMatchObject({ offset: '5' });
  });

  it('a batch the broker refuses aborts the transaction: no record, no offset; the producer is spent', async () => {
    const topic = uniqueName('txn-small');
    const source = uniqueName('txn-small-src');
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '200' }] },
        { topic: source, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    const group = uniqueName('txn-group');
    const p = producer(uniqueName('txn'));
    await p.init();
    const big: OutgoingRecord = { key: null, value: Buffer.alloc(1000), headers: {} };
    await expect(
      p.transact([[{ topic, partition: 0, records: [big] }]], offsets(group, source, 1)),
    ).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE', retriable: false });
    expect(await readCommitted(kafka, topic)).toHaveLength(0);
    expect((await committed(group, source))?.offset).toBe('-1');
    await expect(p.transact([], offsets(group, source, 1))).rejects.toThrow(/start a new one/);
  });
});
