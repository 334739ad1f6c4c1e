import type { Admin, Kafka } from 'kafkajs';
import type { ClusterConfig, DlqSelection } from '@eventscope/shared';
import { createKafka } from '../kafka/client';
import { createRecordReader, type RecordReader } from '../kafka/record-reader';
import type { Logger } from '../logger';
import { withTimeout } from '../timeout';
import { browseDlq, type BrowsePage, type BrowseQuery } from './browse';
import { deleteReplayGroup } from './committed';
import { runReplay } from './engine';
import type { ReplayResult, ReplayRunOptions } from './engine-types';
import { scanSelection, type ScanOptions, type ScanResult } from './scan';
import { rangesFor } from './selection';
import { missingTopics } from './targets';
import type { PartitionOffsets, PartitionRange } from './types';

/**
 * Everything the api does with one cluster's DLQs, behind one object: browse, plan (dry run),
 * replay, check targets. One kafkajs client and one admin connection per cluster; the browser
 * keeps its own read-only consumer between pages.
 */
export interface DlqKafka {
  readonly clusterId: string;
  /** Topics of the cluster (internal ones left out). */
  topics(): Promise<string[]>;
  partitionOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The ranges a selection covers in the log as it is now (fixed for a replay at its start). */
  rangesFor(topic: string, selection: DlqSelection): Promise<PartitionRange[]>;
  missingTopics(topics: Iterable<string>): Promise<string[]>;
  browse(topic: string, query: BrowseQuery): Promise<BrowsePage>;
  scan(options: Omit<ScanOptions, 'logger'>): Promise<ScanResult>;
  replay(options: Omit<ReplayRunOptions, 'logger'>): Promise<ReplayResult>;
  /** Drops a finished replay's progress group. */
  forgetReplay(replayId: string): Promise<void>;
  close(): Promise<void>;
}

export interface DlqKafkaOptions {
  logger: Logger;
  /** For tests: an existing client. */
  kafka?: Kafka;
  /** Bound for admin calls and a browse page (default the cluster's request timeout × 2). */
  timeoutMs?: number;
}

export function createDlqKafka(cluster: ClusterConfig, options: DlqKafkaOptions): DlqKafka {
  const logger = options.logger.child({ cluster: cluster.id, component: 'dlq' });
  const kafka = options.kafka ?? createKafka(cluster, logger);
  const timeoutMs = options.timeoutMs ?? Math.max(5000, cluster.requestTimeoutMs * 2);
  let admin: Promise<Admin> | undefined;
  let reader: RecordReader | undefined;

  function getAdmin(): Promise<Admin> {
    admin ??= (async () => {
      const a = kafka.admin({ retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 } });
      await withTimeout(a.connect(), timeoutMs, 'admin connect');
      return a;
    })();
    // A failed connect is retried on the next call.
    admin.catch(() => (admin = undefined));
    return admin;
  }

  async function withAdmin<T>(what: string, fn: (a: Admin) => Promise<T>): Promise<T> {
    const a = await getAdmin();
    try {
      return await withTimeout(fn(a), timeoutMs, what);
    } catch (error) {
      // kafkajs caches metadata; after a failure, start from a fresh connection.
      const old = admin;
      admin = undefined;
      void old?.then((x) => x.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async function partitionOffsets(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await withAdmin(`offsets of ${topic}`, (a) => a.fetchTopicOffsets(topic));
    return offsets
      .map((o) => ({ partition: o.partition, start: o.low, end: o.high }))
      .sort((a, b) => a.partition - b.partition);
  }

  return {
    clusterId: cluster.id,
    topics: () =>
      withAdmin('listTopics', (a) => a.listTopics()).then((t) =>
        t.filter((name) => !name.startsWith('__')).sort(),
      ),
    partitionOffsets,
    async rangesFor(topic, selection) {
      const log = await partitionOffsets(topic);
      let fromTime: Map<number, string> | undefined;
      if ('filter' in selection && selection.filter.from !== undefined) {
        const at = Date.parse(selection.filter.from);
        const offsets = await withAdmin(`offsets of ${topic} by time`, (a) =>
          a.fetchTopicOffsetsByTimestamp(topic, at),
        );
        fromTime = new Map(offsets.map((o) => [o.partition, o.offset]));
      }
      return rangesFor(selection, log, fromTime);
    },
    missingTopics: (topics) => withAdmin('listTopics', (a) => missingTopics(a, topics)),
    async browse(topic, query) {
      reader ??= createRecordReader(kafka, { logger, name: `${cluster.id}-browse` });
      const a = await getAdmin();
      return browseDlq({ admin: a, reader, timeoutMs }, topic, query);
    },
    scan: (opts) => scanSelection(kafka, { ...opts, logger }),
    replay: (opts) => runReplay(kafka, cluster, { ...opts, logger }),
    async forgetReplay(replayId) {
      await deleteReplayGroup(await getAdmin(), replayId);
    },
    async close() {
      await reader?.close().catch(() => undefined);
      reader = undefined;
      const a = admin;
      admin = undefined;
      await a
        ?.then((x) => withTimeout(x.disconnect(), 3000, 'admin disconnect'))
        .catch(() => undefined);
    },
  };
}
