/**
 * The sampler on its own broker, which this suite stops and restarts: the cluster turns
 * unreachable (groups UNKNOWN, lag null) within two intervals, the sampler recovers by itself
 * within two intervals of the broker's return, and nothing rejects unhandled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterSnapshot } from '@eventscope/shared';
import { createTestKafka, startKafka, uniqueName, type LocalKafka } from '@eventscope/tools/kafka';
import { silentLogger } from './logger';
import { createSampler, type Sampler } from './sampler';
import { commitOffsets, createTopic, findGroup, produce, testCluster } from './testing/int-helpers';

const INTERVAL_MS = 300;
let broker: LocalKafka;
let dataDir: string;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  // Our own data dir: a broker given none deletes its storage on stop(), and we restart it.
  dataDir = await mkdtemp(join(tmpdir(), 'eventscope-outage-'));
  broker = await startKafka({ dataDir });
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await broker.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('sampler across a broker outage', () => {
  it(
    'goes UNKNOWN within 2 intervals, recovers within 2 intervals, and never rejects unhandled',
    { timeout: 120_000 },
    async () => {
      const kafka = createTestKafka(broker.brokers);
      const admin = kafka.admin();
      await admin.connect();
      const topic = await createTopic(admin, 'outage', 2);
      const groupId = uniqueName('outage-group');
      await produce(kafka, topic, 10, 2);
      await commitOffsets(kafka, groupId, topic, { 0: '1', 1: '2' });
      await admin.disconnect();

      const snapshots: Array<{ receivedAt: number; snapshot: ClusterSnapshot }> = [];
      const sampler: Sampler = createSampler(testCluster(broker.brokers, 1000), {
        intervalMs: INTERVAL_MS,
        windowSize: 3,
        logger: silentLogger,
        onSnapshot: (snapshot) => void snapshots.push({ receivedAt: Date.now(), snapshot }),
      });
      sampler.start();
      try {
        await vi.waitFor(
          () =>
            expect(
              findGroup(snapshots.at(-1)?.snapshot ?? emptySnapshot(), groupId)?.lagMessages,
            ).toBe(7),
          { timeout: 20_000, interval: 50 },
        );

        const { port, controllerPort } = broker;
        await broker.stop();
        const stoppedAt = Date.now();
        await vi.waitFor(
          () =>
            expect(snapshots.some((s) => s.receivedAt > stoppedAt && !s.snapshot.reachable)).toBe(
              true,
            ),
          {
            timeout: 20_000,
            interval: 20,
          },
        );
        const down = snapshots.find((s) => s.receivedAt > stoppedAt && !s.snapshot.reachable);
        expect((down?.receivedAt ?? Infinity) - stoppedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
        const group = down && findGroup(down.snapshot, groupId);
        expect(group?.status.code).toBe('UNKNOWN');
        expect(group?.lagMessages).toBeNull();
        expect(group?.lagSeconds).toBeNull();
        expect(group?.partitions.every((p) => p.lagMessages === null)).toBe(true);

        broker = await startKafka({ port, controllerPort, dataDir, reuseStorage: true });
        const backAt = Date.now();
        await vi.waitFor(
          () =>
            expect(snapshots.some((s) => s.receivedAt > backAt && s.snapshot.reachable)).toBe(true),
          { timeout: 20_000, interval: 20 },
        );
        const up = snapshots.find((s) => s.receivedAt > backAt && s.snapshot.reachable);
        expect((up?.receivedAt ?? Infinity) - backAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
        await vi.waitFor(
          () =>
            expect(
              findGroup(snapshots.at(-1)?.snapshot ?? emptySnapshot(), groupId)?.lagMessages,
            ).toBe(7),
          { timeout: 20_000, interval: 50 },
        );
      } finally {
        await sampler.stop();
      }
      expect(rejections).toEqual([]);
    },
  );
});

function emptySnapshot(): ClusterSnapshot {
  return {
    cluster: '',
    at: '',
    reachable: false,
    brokers: [],
    groups: [],
    topics: [],
    dlqs: [],
    requests: 0,
    durationMs: 0,
  };
}
