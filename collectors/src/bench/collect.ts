/**
 * Benchmark: one sample of a cluster with 2,000 partitions and 200 lagging groups, against
 * Kafka's own `kafka-consumer-groups --describe --all-groups` on the same cluster.
 * Run: node --import tsx collectors/src/bench/collect.ts
 * Starts its own broker and removes it at the end, whatever happens.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pLimit from 'p-limit';
import { kafkaHome, startKafka, type LocalKafka } from '@eventscope/tools/kafka';
import { silentLogger } from '../logger';
import { createSampler } from '../sampler';

const TOPICS = 100;
const PARTITIONS = 20;
const GROUPS = 200;
const RECORDS_PER_PARTITION = 20;
const run = promisify(execFile);
const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** The broker is still becoming leader of 2,000 fresh partitions for a while after creating them. */
async function retry<T>(fn: () => Promise<T>, attempts = 60, delayMs = 500): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function seed(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  await admin.disconnect();

  const producer = kafka.producer();
  await producer.connect();
  const limit = pLimit(8);
  await Promise.all(
    topics.map((topic) =>
      limit(() =>
        retry(() =>
          producer.send({
            topic,
            messages: Array.from({ length: PARTITIONS * RECORDS_PER_PARTITION }, (_, i) => ({
              partition: i % PARTITIONS,
              value: `v${i}`,
            })),
          }),
        ),
      ),
    ),
  );
  await producer.disconnect();

  // Groups commit half of each partition through transactions: no joins, so seeding is fast.
  // Several transactional producers in parallel: each waits for its own commits to finish.
  const LANES = 10;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      const tx = kafka.producer({
        transactionalId: `bench-commits-${lane}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await tx.connect();
      for (let g = lane; g < GROUPS; g += LANES) {
        const topic = topics[g % topics.length] ?? '';
        // One group per transaction, retried whole: a commit finishes asynchronously and the next
        // transaction may meet CONCURRENT_TRANSACTIONS for a moment.
        await retry(
          async () => {
            const transaction = await tx.transaction();
            try {
              await transaction.sendOffsets({
                consumerGroupId: `bench-group-${g}`,
                topics: [
                  {
                    topic,
                    partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({
                      partition,
                      offset: String(RECORDS_PER_PARTITION / 2),
                    })),
                  },
                ],
              });
              await transaction.commit();
            } catch (error) {
              await transaction.abort().catch(() => undefined);
              throw error;
            }
          },
          200,
          50,
        );
      }
      await tx.disconnect();
    }),
  );
}

async function timeSample(brokers: string[]): Promise<void> {
  const sampler = createSampler(
    {
      id: 'bench',
      brokers,
      clientId: 'eventscope-bench',
      ssl: false,
      sslRejectUnauthorized: true,
      requestTimeoutMs: 10_000,
    },
    { intervalMs: 5000, windowSize: 10, logger: silentLogger, onSnapshot: () => undefined },
  );
  try {
    for (const label of ['cold (connect, reader join, all timestamps)', 'warm (steady state)']) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const snapshot = await sampler.sampleOnce();
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const lagging = snapshot.groups.filter((g) => (g.lagMessages ?? 0) > 0).length;
      const partitions = snapshot.groups.reduce((n, g) => n + g.partitions.length, 0);
      const withSeconds = snapshot.groups
        .flatMap((g) => g.partitions)
        .filter((p) => p.lagSeconds !== null).length;
      out(
        `eventscope sample, ${label}: ${Math.round(wall)} ms wall, ` +
          `${Math.round((used.user + used.system) / 1000)} ms CPU, ${snapshot.requests} Kafka requests; ` +
          `${snapshot.groups.length} groups (${lagging} lagging), ${partitions} group partitions, ` +
          `${withSeconds} with lag seconds`,
      );
      if (label.startsWith('warm')) lastWarmMs = wall;
      lastRequests = snapshot.requests;
    }
  } finally {
    await sampler.stop();
  }
}

let lastWarmMs = 0;
let lastRequests = 0;

async function timeKafkaTool(brokers: string[]): Promise<number> {
  const started = performance.now();
  const { stdout } = await run(
    'java',
    [
      '-cp',
      join(kafkaHome(), 'libs', '*'),
      'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
      '--bootstrap-server',
      brokers.join(','),
      '--describe',
      '--all-groups',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const wall = performance.now() - started;
  const rows = stdout.split('\n').filter((l) => l.startsWith('bench-group-')).length;
  out(
    `kafka-consumer-groups --describe --all-groups: ${Math.round(wall)} ms wall (${rows} partition rows)`,
  );
  return wall;
}

async function main(): Promise<void> {
  let broker: LocalKafka | undefined;
  try {
    broker = await startKafka();
    const kafka = new Kafka({
      clientId: 'bench-seed',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const topics = Array.from({ length: TOPICS }, (_, i) => `bench-topic-${i}`);
    const seeded = performance.now();
    await seed(kafka, topics);
    out(
      `seeded ${TOPICS} topics × ${PARTITIONS} partitions, ${GROUPS} groups in ${Math.round(performance.now() - seeded)} ms`,
    );
    await timeSample(broker.brokers);
    const tool = await timeKafkaTool(broker.brokers);
    const brokersCount = broker.brokers.length;
    const target = brokersCount * 10 + Math.ceil(GROUPS / 50);
    out(`ratio eventscope warm sample / kafka-consumer-groups: ${(lastWarmMs / tool).toFixed(2)}`);
    out(
      `requests per warm sample: ${lastRequests} vs target ${target} ` +
        `(${brokersCount} broker × 10 + ${GROUPS} groups / 50)`,
    );
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
