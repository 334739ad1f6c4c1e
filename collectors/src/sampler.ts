import type { Kafka } from 'kafkajs';
import type { ClusterConfig, ClusterSnapshot, Span } from '@eventscope/shared';
import type { DlqNameRule } from './dlq/naming';
import type { KafkaAdapter, RawClusterState } from './kafka/adapter';
import { createClusterAdapter } from './kafka/cluster-adapter';
import { createKafka } from './kafka/client';
import {
  createRecordReader,
  readKey,
  type ReadRequest,
  type RecordReader,
} from './kafka/record-reader';
import { RecordTimestamps } from './kafka/record-timestamps';
import { OffsetHistory } from './lag/offset-history';
import type { Logger } from './logger';
import { buildSnapshot, dlqCandidates } from './snapshot/build-snapshot';
import { DlqScanner } from './snapshot/dlq-scan';
import { groupPartitions, oldestUnconsumedOffset } from './snapshot/group-partitions';
import { unreachableSnapshot } from './snapshot/unreachable';
import { StatusWindows } from './status/window-store';
import { createHopSampler, type HopSampler } from './hops/hop-sampler';
import { createSizeTap, type SizeTap } from './tap/size-tap';

export interface SamplerOptions {
  intervalMs: number;
  /** Samples in the status window (default 10). */
  windowSize?: number;
  logger: Logger;
  onSnapshot: (snapshot: ClusterSnapshot) => void | Promise<void>;
  /** Extra DLQ names (exact) or patterns, beyond the naming conventions. */
  dlqNames?: readonly DlqNameRule[];
  /** Dead letters of a DLQ already replayed or discarded (default 0). */
  handledCount?: (
    topic: string,
    log?: ReadonlyMap<number, { start: string; end: string }>,
  ) => number;
  /** The first offset at or after `start` not replayed or discarded (default `start`): DLQ oldest age. */
  firstUnhandled?: (topic: string, partition: number, start: string) => string;
  /** Budget for reading record timestamps and DLQ records per sample (default max(1 s, interval/2)). */
  readTimeoutMs?: number;
  /** Record timestamps read per sample at most (default 2000); the rest use the offset history. */
  maxTimestampReads?: number;
  /** Check a topic's latest records for dead-letter headers at most this often (default 60 s). */
  headerScanIntervalMs?: number;
  /** Topics whose event sizes the read-only tap measures (default none: the tap is off). */
  tapTopics?: (topics: readonly string[]) => readonly string[];
  /** Hop spans derived from the records of the hop topics, once per sample (default: off). */
  onSpans?: (spans: Span[]) => void | Promise<void>;
  /** Topics whose records become hop spans (default: the tapped topics). */
  hopTopics?: (topics: readonly string[]) => readonly string[];
  /** For tests: the clock. */
  now?: () => number;
}

export interface Sampler {
  start(): void;
  stop(): Promise<void>;
  /** Takes one sample now (joins one already running) and hands it to onSnapshot. */
  sampleOnce(): Promise<ClusterSnapshot>;
  /** The last snapshot taken, if any. */
  latest(): ClusterSnapshot | undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Samples one cluster on an interval: one ClusterSnapshot per sample with lag (messages and
 * seconds), Burrow-style status from its own window history, topic stats and DLQs. Never
 * rejects and never leaves a rejection unhandled: an unreachable cluster yields a snapshot
 * with reachable false and every group UNKNOWN, and the clients are rebuilt so the sampler
 * recovers by itself when the broker returns.
 */
export function createSampler(cluster: ClusterConfig, options: SamplerOptions): Sampler {
  const logger = options.logger.child({ cluster: cluster.id, component: 'sampler' });
  const now = options.now ?? Date.now;
  const windowSize = options.windowSize ?? 10;
  const readTimeoutMs = options.readTimeoutMs ?? Math.max(1000, options.intervalMs / 2);
  const kafka: Kafka = createKafka(cluster, logger);
  const adapter: KafkaAdapter = createClusterAdapter(cluster, kafka, {
    logger,
    callTimeoutMs: cluster.requestTimeoutMs,
  });
  let reader: RecordReader = createRecordReader(kafka, { logger, name: cluster.id });
  let readerRequestsSeen = 0;
  const timestamps = new RecordTimestamps();
  /** Reads that did not answer in time wait before they are tried again, so one bad partition cannot slow every sample. */
  const retryAfter = new Map<string, number>();
  const retryBackoffMs = Math.max(10 * options.intervalMs, 10_000);
  const histories = new Map<string, Map<number, OffsetHistory>>();
  const windows = new StatusWindows(windowSize);
  const scanner = new DlqScanner({
    headerScanIntervalMs: options.headerScanIntervalMs ?? 60_000,
    headerScanTopicsPerSample: 20,
    errorSampleSize: 100,
  });
  let tap: SizeTap | undefined;
  let hops: HopSampler | undefined;
  let last: ClusterSnapshot | undefined;
  let wasReachable = true;
  let inFlight: Promise<ClusterSnapshot> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  function history(topic: string, partition: number): OffsetHistory | undefined {
    return histories.get(topic)?.get(partition);
  }

  function recordHistory(raw: RawClusterState, atMs: number): void {
    for (const topic of histories.keys()) if (!raw.topics.has(topic)) histories.delete(topic);
    for (const [topic, offsets] of raw.offsets) {
      const byPartition = histories.get(topic) ?? new Map<number, OffsetHistory>();
      histories.set(topic, byPartition);
      for (const [partition, o] of offsets) {
        let h = byPartition.get(partition);
        if (!h) {
          h = new OffsetHistory();
          byPartition.set(partition, h);
        }
        h.record(atMs, BigInt(o.end));
      }
    }
  }

  /** Oldest unconsumed record of every lagging partition, and the first record of every non-empty DLQ. */
  function timestampQueries(raw: RawClusterState): ReadRequest[] {
    const queries: ReadRequest[] = [];
    const seen = new Set<string>();
    const add = (topic: string, partition: number, offset: string): void => {
      const key = readKey(topic, partition, offset);
      if (seen.has(key)) return;
      seen.add(key);
      queries.push({ topic, partition, offset });
    };
    for (const g of raw.groups)
      for (const p of groupPartitions(raw, g)) {
        const offset = oldestUnconsumedOffset(p);
        if (offset !== null) add(p.topic, p.partition, offset);
      }
    for (const topic of dlqCandidates(raw, { names: options.dlqNames ?? [], scanner }).keys())
      for (const [partition, o] of raw.offsets.get(topic) ?? []) {
        const at = options.firstUnhandled?.(topic, partition, o.start) ?? o.start;
        if (BigInt(o.end) > BigInt(at)) add(topic, partition, at);
      }
    return queries;
  }

  async function readRecords(raw: RawClusterState, atMs: number): Promise<void> {
    const named = new Set(dlqCandidates(raw, { names: options.dlqNames ?? [], scanner }).keys());
    const wanted = timestampQueries(raw);
    const cache = timestamps;
    for (const [key, at] of retryAfter) if (at <= atMs) retryAfter.delete(key);
    const missing = wanted
      .filter(
        (q) => cache.get(q) === null && !retryAfter.has(readKey(q.topic, q.partition, q.offset)),
      )
      .slice(0, options.maxTimestampReads ?? 2000);
    const scans = scanner.plan(raw, named, atMs);
    if (missing.length === 0 && scans.length === 0) return;
    // A read that times out while the reader is still joining says nothing about the partition.
    const wasReady = reader.ready();
    const records = await reader.read([...missing, ...scans], readTimeoutMs);
    for (const q of missing) {
      const key = readKey(q.topic, q.partition, q.offset);
      const first = records.get(key)?.[0];
      if (first) cache.set(q, Number(first.timestamp));
      else if (wasReady && !records.has(key)) retryAfter.set(key, atMs + retryBackoffMs);
    }
    scanner.absorb(records, atMs);
  }

  async function resetClients(): Promise<void> {
    await adapter.reset();
    await reader.close().catch(() => undefined);
    reader = createRecordReader(kafka, { logger, name: cluster.id });
    // Cached timestamps stay valid: records are immutable.
    readerRequestsSeen = 0;
    await tap?.close().catch(() => undefined);
    tap = undefined;
    await hops?.disconnect().catch(() => undefined);
  }

  /** Hop spans of this sample; the committed offsets were read between `fromMs` and `toMs`. */
  async function updateHops(raw: RawClusterState, fromMs: number, toMs: number): Promise<void> {
    const select = options.hopTopics ?? options.tapTopics;
    if (!options.onSpans || !select) return;
    hops ??= createHopSampler(kafka, {
      logger,
      cluster: cluster.id,
      intervalMs: options.intervalMs,
      dlqNames: options.dlqNames ?? [],
    });
    const spans = await hops.sample(raw, select([...raw.topics.keys()]), { fromMs, toMs });
    if (spans.length > 0) await options.onSpans(spans);
  }

  async function updateTap(raw: RawClusterState): Promise<void> {
    if (!options.tapTopics) return;
    const topics = options.tapTopics([...raw.topics.keys()]).filter((t) => raw.topics.has(t));
    tap ??= createSizeTap(kafka, { logger, name: cluster.id });
    await tap.watch(topics);
  }

  async function sample(): Promise<ClusterSnapshot> {
    const started = performance.now();
    const atMs = now();
    let raw: RawClusterState;
    try {
      raw = await adapter.collect();
    } catch (error) {
      const message = errorMessage(error);
      if (wasReachable) logger.warn({ err: message }, 'cluster unreachable');
      wasReachable = false;
      await resetClients();
      return unreachableSnapshot({
        cluster: cluster.id,
        at: new Date(atMs).toISOString(),
        error: message,
        previous: last,
        requests: 0,
        durationMs: Math.round(performance.now() - started),
      });
    }
    if (!wasReachable) logger.info({}, 'cluster reachable again');
    wasReachable = true;
    const collectedAt = now();
    recordHistory(raw, atMs);
    const topicSet = new Set(raw.topics.keys());
    scanner.retain(topicSet);
    windows.retain(new Set(raw.groups.map((g) => g.group)));
    try {
      await readRecords(raw, atMs);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, 'reading record timestamps failed');
    }
    try {
      await updateTap(raw);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, 'size tap update failed');
    }
    try {
      await updateHops(raw, atMs, collectedAt);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, 'hop spans failed');
    }
    const readerRequests = reader.requests() - readerRequestsSeen;
    readerRequestsSeen = reader.requests();
    return buildSnapshot({
      cluster: cluster.id,
      raw,
      nowMs: now(),
      history,
      timestamps,
      windows,
      windowSize,
      rateSpanMs: Math.max(windowSize, 2) * options.intervalMs,
      dlqs: { names: options.dlqNames ?? [], scanner },
      handledCount: options.handledCount ?? (() => 0),
      ...(options.firstUnhandled ? { firstUnhandled: options.firstUnhandled } : {}),
      sizes: (topic) => tap?.stats(topic),
      requests: raw.requests + readerRequests,
      durationMs: Math.round(performance.now() - started),
    });
  }

  async function sampleAndPublish(): Promise<ClusterSnapshot> {
    let snapshot: ClusterSnapshot;
    try {
      snapshot = await sample();
    } catch (error) {
      // Defensive: sample() handles Kafka errors itself; anything else is a bug worth logging.
      logger.error({ err: errorMessage(error) }, 'sample failed');
      snapshot = unreachableSnapshot({
        cluster: cluster.id,
        at: new Date(now()).toISOString(),
        error: errorMessage(error),
        previous: last,
        requests: 0,
        durationMs: 0,
      });
    }
    last = snapshot;
    try {
      await options.onSnapshot(snapshot);
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, 'onSnapshot failed');
    }
    return snapshot;
  }

  function sampleOnce(): Promise<ClusterSnapshot> {
    inFlight ??= sampleAndPublish().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      const begun = now();
      void sampleOnce().then(() => schedule(Math.max(0, options.intervalMs - (now() - begun))));
    }, delayMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
      await adapter.close();
      await reader.close().catch(() => undefined);
      await tap?.close().catch(() => undefined);
      tap = undefined;
      await hops?.disconnect().catch(() => undefined);
    },
    sampleOnce,
    latest: () => last,
  };
}
