/**
 * The replay engine on a real broker: exactly once (counted by an independent read_committed
 * consumer), resumable after a stop with a gap in the caller's bookkeeping, fenced by a second
 * process running the same replay, filtered, dry-run, cancellable within one batch, refusing a
 * missing target, byte-exact for binary payloads.
 */
import type { Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { silentLogger } from '../logger';
import { testCluster } from '../testing/int-helpers';
import { ReplayControl } from './control';
import { nothingHandled } from './decide-batch';
import { runReplay } from './engine';
import {
  replayGroupId,
  type ReplayBatch,
  type ReplayResult,
  type ReplayRunOptions,
} from './engine-types';
import { scanSelection } from './scan';
import { rangesFor } from './selection';
import { TargetMissingError } from './targets';
import { createTopics, deadLetterHeaders, headerText, produceAll, readCommitted } from './testing';
import type { PartitionRange } from './types';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
// The replay produces with its own client, connected with the cluster's settings.
const cluster = testCluster(brokers, 30_000);
const admin = kafka.admin();

beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

const POISON = 'com.shop.PoisonPayment';
const STATE = 'java.lang.IllegalStateException';

interface Fixture {
  dlq: string;
  orders: string;
  payments: string;
  ranges: PartitionRange[];
}

/** A 3-partition DLQ of `count` dead letters: Spring (even) and Connect (odd) headers, two error classes, two origins. */
async function fixture(
  count: number,
  extra: (i: number) => Partial<Message> = () => ({}),
): Promise<Fixture> {
  const base = uniqueName('shop');
  const orders = `${base}-orders`;
  const payments = `${base}-payments`;
  const dlq = `${base}-payments-dlt`;
  await createTopics(kafka, [
    { topic: orders, numPartitions: 2 },
    { topic: payments, numPartitions: 3 },
    { topic: dlq, numPartitions: 3 },
  ]);
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({
    partition: i % 3,
    key: `key-${i}`,
    value: JSON.stringify({ i, amount: i * 3 }),
    headers: {
      ...deadLetterHeaders({
        convention: i % 2 === 0 ? 'spring' : 'connect',
        originTopic: i % 5 === 0 ? orders : payments,
        originPartition: i % 2,
        originOffset: i,
        errorClass: i % 4 < 2 ? POISON : STATE,
      }),
      'x-correlation-id': `corr-${i}`,
    },
    ...extra(i),
  }));
  await produceAll(kafka, dlq, messages);
  const log = (await admin.fetchTopicOffsets(dlq)).map((o) => ({
    partition: o.partition,
    start: o.low,
    end: o.high,
  }));
  return { dlq, orders, payments, ranges: rangesFor({ all: true }, log) };
}

function options(f: Fixture, over: Partial<ReplayRunOptions> = {}): ReplayRunOptions {
  return {
    replayId: uniqueName('r'),
    dlqTopic: f.dlq,
    ranges: f.ranges,
    selection: { all: true },
    target: null,
    maxReplayCount: 3,
    ratePerSecond: 1_000_000,
    isHandled: nothingHandled,
    onBatch: () => Promise.resolve(),
    control: new ReplayControl(),
    logger: silentLogger,
    ...over,
  };
}

async function replayedIn(...topics: string[]) {
  return (await Promise.all(topics.map((t) => readCommitted(kafka, t)))).flat();
}

describe('replay engine on a real broker', () => {
  it('replays 10,000 dead letters exactly once, keeping keys and headers, adding the marks', async () => {
    const f = await fixture(10_000);
    const batches: ReplayBatch[] = [];
    const opts = options(f, {
      onBatch: (b) => {
        batches.push(b);
        return Promise.resolve();
      },
    });
    const result = await runReplay(kafka, cluster, opts);
    expect(result.outcome).toBe('completed');
    expect(result.totals).toMatchObject({ matched: 10_000, replayed: 10_000 });
    expect(result.totals.counts).toEqual({ [f.orders]: 2000, [f.payments]: 8000 });

    const out = await replayedIn(f.orders, f.payments);
    expect(out).toHaveLength(10_000);
    const from = new Set(out.map((m) => headerText(m, 'x-eventscope-replayed-from')));
    expect(from.size).toBe(10_000);
    for (const m of out) {
      const [, partition, offset] = (headerText(m, 'x-eventscope-replayed-from') ?? '').split('/');
      expect(Number(partition)).toBeGreaterThanOrEqual(0);
      const i = Number(m.key?.toString().slice(4));
      expect(m.value?.toString()).toBe(JSON.stringify({ i, amount: i * 3 }));
      expect(headerText(m, 'x-correlation-id')).toBe(`corr-${i}`);
      expect(headerText(m, 'x-eventscope-replay-id')).toBe(opts.replayId);
      expect(headerText(m, 'x-eventscope-replay-count')).toBe('1');
      expect(headerText(m, 'traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const origin =
        i % 2 === 0 ? 'kafka_dlt-exception-fqcn' : '__connect.errors.exception.class.name';
      expect(headerText(m, origin)).toBe(i % 4 < 2 ? POISON : STATE);
      expect(offset).toMatch(/^\d+$/);
    }
    expect(batches.every((b) => b.kind === 'committed')).toBe(true);
    expect(batches.flatMap((b) => b.records)).toHaveLength(10_000);
    expect(batches.at(-1)?.totals.replayed).toBe(10_000);
  });

  it('stopped half-way and resumed, with the last batch missing from the caller: exactly once, the gap handed back', async () => {
    const f = await fixture(10_000);
    const replayId = uniqueName('r');
    const control = new ReplayControl();
    const first: ReplayBatch[] = [];
    const stopped = await runReplay(
      kafka,
      cluster,
      options(f, {
        replayId,
        control,
        maxBatchRecords: 500,
        onBatch: (b) => {
          first.push(b);
          if (b.totals.replayed >= 5000) control.stop();
          return Promise.resolve();
        },
      }),
    );
    expect(stopped.outcome).toBe('stopped');
    const done = stopped.totals.replayed;
    expect(done).toBeGreaterThanOrEqual(5000);
    expect(done).toBeLessThan(10_000);

    // The caller "crashed" before storing the last batch: its positions are one batch behind.
    const recorded = new Map<number, string>();
    for (const b of first.slice(0, -1)) for (const [p, o] of b.positions) recorded.set(p, o);
    const lost = first.at(-1)?.records.length ?? 0;
    const second: ReplayBatch[] = [];
    const resumed = await runReplay(
      kafka,
      cluster,
      options(f, {
        replayId,
        recorded,
        onBatch: (b) => {
          second.push(b);
          return Promise.resolve();
        },
      }),
    );
    expect(resumed.outcome).toBe('completed');
    expect(resumed.totals.replayed).toBe(10_000);
    const recovered = second.filter((b) => b.kind === 'recovered').flatMap((b) => b.records);
    expect(recovered).toHaveLength(lost);
    const committedAgain = second.filter((b) => b.kind === 'committed').flatMap((b) => b.records);
    expect(committedAgain).toHaveLength(10_000 - done);

    const out = await replayedIn(f.orders, f.payments);
    expect(out).toHaveLength(10_000);
    expect(new Set(out.map((m) => headerText(m, 'x-eventscope-replayed-from'))).size).toBe(10_000);
    const [committed] = await admin.fetchOffsets({
      groupId: replayGroupId(replayId),
      topics: [f.dlq],
    });
    expect(committed?.partitions.map((p) => p.offset).sort()).toEqual(
      f.ranges.map((r) => r.end).sort(),
    );
  });

  it('a second process running the same replay fences the first; together: exactly once', async () => {
    const f = await fixture(3000);
    const replayId = uniqueName('r');
    let second: Promise<ReplayResult> | undefined;
    let batches = 0;
    const first = await runReplay(
      kafka,
      cluster,
      options(f, {
        replayId,
        ratePerSecond: 600, // ~5 s for the whole DLQ: the second run starts well before the end
        onBatch: () => {
          if (++batches === 3) second = runReplay(kafka, cluster, options(f, { replayId }));
          return Promise.resolve();
        },
      }),
    );
    expect(first.outcome).toBe('fenced');
    const taken = await second;
    expect(taken?.outcome).toBe('completed');
    expect(taken?.totals).toMatchObject({ matched: 3000, replayed: 3000 });
    const out = await replayedIn(f.orders, f.payments);
    expect(out).toHaveLength(3000);
    expect(new Set(out.map((m) => headerText(m, 'x-eventscope-replayed-from'))).size).toBe(3000);
  });

  it('a filter by error class replays only those; a dry run produces and commits nothing', async () => {
    const f = await fixture(300);
    const selection = { filter: { errorClass: POISON } };
    const scan = await scanSelection(kafka, {
      dlqTopic: f.dlq,
      ranges: f.ranges,
      selection,
      target: null,
      maxReplayCount: 3,
      isHandled: nothingHandled,
      timeoutMs: 20_000,
      logger: silentLogger,
    });
    expect(scan.counters.matched).toBe(150);
    expect(scan.targets).toEqual([f.orders, f.payments].sort());
    expect(scan.samples).toHaveLength(5);
    expect(await replayedIn(f.orders, f.payments)).toHaveLength(0);

    const result = await runReplay(kafka, cluster, options(f, { selection }));
    expect(result.totals).toMatchObject({ matched: 150, replayed: 150 });
    const out = await replayedIn(f.orders, f.payments);
    expect(out).toHaveLength(150);
    for (const m of out) {
      const cls =
        headerText(m, 'kafka_dlt-exception-fqcn') ??
        headerText(m, '__connect.errors.exception.class.name');
      expect(cls).toBe(POISON);
    }
  });

  it('cancel stops within one batch; what was committed stays, the rest is not replayed', async () => {
    const f = await fixture(600);
    const control = new ReplayControl();
    const batches: ReplayBatch[] = [];
    const result = await runReplay(
      kafka,
      cluster,
      options(f, {
        control,
        ratePerSecond: 200, // batches of 50
        onBatch: (b) => {
          batches.push(b);
          if (batches.length === 2) control.cancel();
          return Promise.resolve();
        },
      }),
    );
    expect(result.outcome).toBe('cancelled');
    // Batches of 17 (200/s over 4 rounds a second and 3 lanes): the batch each other lane had
    // in flight when cancel came may still commit, nothing after it.
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(result.totals.replayed).toBe(batches.flatMap((b) => b.records).length);
    expect(result.totals.replayed).toBeLessThanOrEqual(4 * 17);
    expect(await replayedIn(f.orders, f.payments)).toHaveLength(result.totals.replayed);
  });

  it('a missing target fails before anything is produced or committed', async () => {
    const f = await fixture(30);
    const opts = options(f, { target: uniqueName('nowhere') });
    await expect(runReplay(kafka, cluster, opts)).rejects.toBeInstanceOf(TargetMissingError);
    const [committed] = await admin.fetchOffsets({
      groupId: replayGroupId(opts.replayId),
      topics: [f.dlq],
    });
    expect(committed?.partitions.every((p) => p.offset === '-1')).toBe(true);
    expect(await replayedIn(f.orders, f.payments)).toHaveLength(0);
  });

  it('binary, non-UTF-8 keys, values and headers are replayed byte-exact', async () => {
    const bytes = (i: number) => Buffer.from([0xff, 0x00, 0xfe, i & 0xff, 0x80]);
    const f = await fixture(9, (i) => ({
      key: bytes(i + 100),
      value: bytes(i),
      headers: {
        ...deadLetterHeaders({
          convention: 'spring',
          originTopic: '',
          originPartition: 0,
          originOffset: i,
          errorClass: POISON,
        }),
        'bin-header': bytes(i + 50),
      },
    }));
    const result = await runReplay(kafka, cluster, options(f, { target: f.payments }));
    expect(result.totals.replayed).toBe(9);
    const out = await replayedIn(f.payments);
    const values = out.map((m) => m.value?.toString('hex')).sort();
    expect(values).toEqual(Array.from({ length: 9 }, (_, i) => bytes(i).toString('hex')).sort());
    for (const m of out) {
      const i = m.value?.[3] ?? -1;
      expect(m.key).toEqual(bytes(i + 100));
      expect(m.headers?.['bin-header']).toEqual(bytes(i + 50));
    }
  });
});
