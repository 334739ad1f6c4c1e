/**
 * Benchmark (`npm run bench:replay`): replay 100,000 dead letters of 1 KiB from a 3-partition
 * DLQ through the real engine, exactly once, against the raw produce ceiling of the same
 * broker measured in the same run with Kafka's own producer perf test
 * (`kafka-producer-perf-test`, org.apache.kafka.tools.ProducerPerformance from the installed
 * Kafka). The api process that runs replays is long-lived, so the engine is warmed up first
 * on a separate 10,000-record DLQ (timed and shown, not counted). Starts its own broker and
 * removes it at the end, whatever happens.
 * Options: REPLAY_BENCH_RECORDS (100000), REPLAY_BENCH_BATCH (records per transaction, default
 * the engine's 1000).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Message } from 'kafkajs';
import type { ClusterConfig } from '@eventscope/shared';
import { kafkaHome, startKafka, type LocalKafka } from '@eventscope/tools/kafka';
import { silentLogger } from '../logger';
import { ReplayControl } from './control';
import { nothingHandled } from './decide-batch';
import { runReplay } from './engine';
import { laneCount } from './engine-types';
import { rangesFor } from './selection';
import { createTopics, deadLetterHeaders, headerText, produceAll, readCommitted } from './testing';

const RECORDS = Number(process.env.REPLAY_BENCH_RECORDS ?? 100_000);
const BATCH = Number(process.env.REPLAY_BENCH_BATCH ?? 1000);
const WARMUP = 10_000;
const RECORD_SIZE = 1024;
const run = promisify(execFile);
const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function ceiling(brokers: string[], topic: string): Promise<number> {
  const { stdout } = await run(
    'java',
    [
      '-cp',
      join(kafkaHome(), 'libs', '*'),
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(RECORDS),
      '--record-size',
      String(RECORD_SIZE),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers.join(',')}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  // The summary line: "100000 records sent, 81234.5 records/sec (79.33 MB/sec), …"
  const summary = stdout
    .split('\n')
    .reverse()
    .find((l) => /records sent, [\d.]+ records\/sec/.test(l));
  const match = summary ? /records sent, ([\d.]+) records\/sec/.exec(summary) : null;
  if (!match?.[1]) throw new Error(`unexpected kafka-producer-perf-test output:\n${stdout}`);
  out(`kafka-producer-perf-test: ${summary?.trim() ?? ''}`);
  return Number(match[1]);
}

async function fill(kafka: Kafka, dlq: string, origin: string, count: number): Promise<void> {
  // A JSON value of exactly RECORD_SIZE bytes: {"i":N,"note":"xxx…"}
  const payload = (i: number) => {
    const prefix = `{"i":${i},"note":"`;
    return Buffer.from(`${prefix}${'x'.repeat(RECORD_SIZE - prefix.length - 2)}"}`);
  };
  const messages: Message[] = Array.from({ length: count }, (_, i) => ({
    partition: i % 3,
    key: `key-${i}`,
    value: payload(i),
    headers: deadLetterHeaders({
      convention: 'spring',
      originTopic: origin,
      originPartition: i % 3,
      originOffset: i,
      errorClass: 'com.shop.PoisonPayment',
    }),
  }));
  await produceAll(kafka, dlq, messages, 1000);
}

/** Replays a whole DLQ to its origin topic, timed. */
async function replay(kafka: Kafka, cluster: ClusterConfig, replayId: string, dlqTopic: string) {
  const admin = kafka.admin();
  await admin.connect();
  const log = (await admin.fetchTopicOffsets(dlqTopic)).map((o) => ({
    partition: o.partition,
    start: o.low,
    end: o.high,
  }));
  await admin.disconnect();
  let batches = 0;
  const started = performance.now();
  const result = await runReplay(kafka, cluster, {
    replayId,
    dlqTopic,
    ranges: rangesFor({ all: true }, log),
    selection: { all: true },
    target: null,
    maxReplayCount: 3,
    ratePerSecond: 1_000_000,
    maxBatchRecords: BATCH,
    isHandled: nothingHandled,
    onBatch: () => {
      batches++;
      return Promise.resolve();
    },
    control: new ReplayControl(),
    logger: silentLogger,
  });
  const seconds = (performance.now() - started) / 1000;
  return { replayed: result.totals.replayed, seconds, batches, lanes: laneCount(log.length) };
}

async function main(): Promise<void> {
  let broker: LocalKafka | undefined;
  try {
    broker = await startKafka();
    const kafka = new Kafka({
      clientId: 'bench-replay',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const cluster: ClusterConfig = {
      id: 'bench',
      brokers: broker.brokers,
      clientId: 'bench-replay',
      ssl: false,
      sslRejectUnauthorized: true,
      requestTimeoutMs: 30_000,
    };
    await createTopics(kafka, [
      { topic: 'bench-payments', numPartitions: 3 },
      { topic: 'bench-payments-dlt', numPartitions: 3 },
      { topic: 'bench-warmup', numPartitions: 3 },
      { topic: 'bench-warmup-dlt', numPartitions: 3 },
      { topic: 'bench-perf', numPartitions: 3 },
    ]);
    const filled = performance.now();
    await fill(kafka, 'bench-payments-dlt', 'bench-payments', RECORDS);
    out(
      `filled the DLQ: ${RECORDS} records of ${RECORD_SIZE} B in ${Math.round(performance.now() - filled)} ms`,
    );
    await fill(kafka, 'bench-warmup-dlt', 'bench-warmup', WARMUP);

    // The ceiling is measured before and after the replay and averaged, so a load change on a
    // shared machine during the run moves both figures rather than only one.
    const ceilingBefore = await ceiling(broker.brokers, 'bench-perf');

    const warm = await replay(kafka, cluster, 'bench-warmup', 'bench-warmup-dlt');
    out(
      `warm-up replay (not counted): ${warm.replayed} records in ${warm.seconds.toFixed(2)} s = ${Math.round(warm.replayed / warm.seconds)} records/s`,
    );
    const run = await replay(kafka, cluster, 'bench', 'bench-payments-dlt');
    const replayRate = run.replayed / run.seconds;
    const ceilingAfter = await ceiling(broker.brokers, 'bench-perf');
    const ceilingRate = (ceilingBefore + ceilingAfter) / 2;

    const replayed = await readCommitted(kafka, 'bench-payments', 120_000);
    const unique = new Set(replayed.map((m) => headerText(m, 'x-eventscope-replayed-from'))).size;
    out(
      `verified with a read_committed consumer: ${replayed.length} records in the origin topic, ${unique} distinct replayed-from`,
    );
    if (replayed.length !== RECORDS || unique !== RECORDS)
      throw new Error('the replay was not exactly once');

    out(
      `eventscope replay: ${run.replayed} records in ${run.seconds.toFixed(2)} s = ${Math.round(replayRate)} records/s ` +
        `(${run.batches} transactions of up to ${BATCH} records over ${run.lanes} lanes, exactly once)`,
    );
    out(
      `raw produce ceiling (kafka-producer-perf-test): ${Math.round(ceilingRate)} records/s ` +
        `(before ${Math.round(ceilingBefore)}, after ${Math.round(ceilingAfter)})`,
    );
    out(`ratio replay / ceiling: ${(replayRate / ceilingRate).toFixed(2)} (target ≥ 0.50)`);
  } finally {
    await broker?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
