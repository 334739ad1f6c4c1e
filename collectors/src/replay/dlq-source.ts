import { randomBytes } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../logger';
import { TAP_GROUP_PREFIX } from '../kafka/record-reader';
import { withTimeout } from '../timeout';
import type { DlqRecord, PartitionRange } from './types';

/**
 * Reads fixed offset ranges of one DLQ, in order per partition, into a bounded buffer the
 * replay takes batches from. kafkajs has no group-less consumer, so this is a consumer in a
 * throwaway `eventscope-tap-…` group that never commits (progress is committed by the replay's
 * transactions, elsewhere); after every join it seeks each partition to where it left off.
 * Fetching pauses while the buffer is full and stops per partition at the range's end. Reads
 * are read_committed: aborted dead letters and transaction markers are never replayed, and a
 * partition ending in markers still finishes.
 */

export interface SourceChunk {
  partition: number;
  records: DlqRecord[];
  /** The partition's position after this chunk (past any markers it ended with). */
  next: bigint;
}

export interface DlqSource {
  /**
   * Up to `max` records (several partitions, each in order), or null once every range has been
   * read. Waits for data; resolves with [] when the signal aborts. With `partitions`, only
   * those partitions (null once they are all read).
   */
  take(
    max: number,
    signal?: AbortSignal,
    partitions?: ReadonlySet<number>,
  ): Promise<SourceChunk[] | null>;
  close(): Promise<void>;
}

export interface DlqSourceOptions {
  topic: string;
  ranges: readonly PartitionRange[];
  logger: Logger;
  /** Part of the throwaway group id (the replay id, "scan", "browse"…). */
  name: string;
  /** Records held in memory at most before fetching pauses (default 20,000). */
  maxBuffered?: number;
  /** Bytes per partition per fetch (default 2 MiB). */
  maxBytesPerPartition?: number;
  joinTimeoutMs?: number;
}

interface PartitionState {
  /** Next offset to fetch (records before it are buffered or already taken). */
  fetchPos: bigint;
  end: bigint;
  done: boolean;
}

const DISCONNECT_TIMEOUT_MS = 3000;

export function toDlqRecord(partition: number, m: KafkaMessage): DlqRecord {
  return {
    partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key ?? null,
    value: m.value,
    headers: m.headers ?? {},
  };
}

export function createDlqSource(kafka: Kafka, options: DlqSourceOptions): DlqSource {
  const { topic } = options;
  const logger = options.logger.child({ component: 'dlq-source', topic });
  const maxBuffered = options.maxBuffered ?? 20_000;
  const state = new Map<number, PartitionState>();
  for (const r of options.ranges) {
    const from = BigInt(r.from);
    const end = BigInt(r.end);
    state.set(r.partition, { fetchPos: from, end, done: from >= end });
  }
  const queue: SourceChunk[] = [];
  let buffered = 0;
  let flowPaused = false;
  let consumer: Consumer | undefined;
  let started: Promise<void> | undefined;
  let failure: Error | undefined;
  let closed = false;
  // Everyone waiting in take() (one per replay lane) is woken on every change.
  const waiters = new Set<() => void>();
  const notify = (): void => {
    const all = [...waiters];
    waiters.clear();
    for (const w of all) w();
  };

  const active = (): number[] =>
    [...state].filter(([, s]) => !s.done).map(([partition]) => partition);
  const allDone = (only?: ReadonlySet<number>): boolean =>
    [...state].every(([p, s]) => s.done || (only !== undefined && !only.has(p)));
  const wanted = (chunk: SourceChunk, only?: ReadonlySet<number>): boolean =>
    only === undefined || only.has(chunk.partition);

  function pausePartitions(partitions: number[]): void {
    if (partitions.length > 0) consumer?.pause([{ topic, partitions }]);
  }

  /** Moves a partition forward; buffers its records; stops it at the range end. */
  function advance(partition: number, messages: readonly KafkaMessage[], lastOffset: bigint): void {
    const s = state.get(partition);
    if (!s || s.done) return;
    const next = lastOffset + 1n < s.end ? lastOffset + 1n : s.end;
    if (next <= s.fetchPos) return;
    const records: DlqRecord[] = [];
    for (const m of messages) {
      const offset = BigInt(m.offset);
      if (offset >= s.fetchPos && offset < s.end) records.push(toDlqRecord(partition, m));
    }
    s.fetchPos = next;
    if (next >= s.end) {
      s.done = true;
      pausePartitions([partition]);
    }
    queue.push({ partition, records, next });
    buffered += records.length;
    if (buffered >= maxBuffered && !flowPaused) {
      flowPaused = true;
      pausePartitions(active());
    }
    notify();
  }

  function onBatch({ batch, isStale }: EachBatchPayload): Promise<void> {
    if (!isStale() && batch.topic === topic)
      advance(batch.partition, batch.messages, BigInt(batch.lastOffset()));
    return Promise.resolve();
  }

  async function start(): Promise<void> {
    const c = kafka.consumer({
      groupId: `${TAP_GROUP_PREFIX}replay-${options.name}-${randomBytes(4).toString('hex')}`,
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 2 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      readUncommitted: false,
      retry: { retries: 5 },
    });
    consumer = c;
    let joined: () => void = () => undefined;
    const firstJoin = new Promise<void>((resolve) => (joined = resolve));
    c.on(c.events.GROUP_JOIN, ({ payload }) => {
      // Every (re)join starts from Kafka's view of the group, which never commits: put each
      // partition back where this source left off, and keep finished ones paused.
      const assigned = payload.memberAssignment[topic] ?? [];
      const idle: number[] = [];
      for (const partition of assigned) {
        const s = state.get(partition);
        if (!s || s.done || flowPaused) idle.push(partition);
        if (s && !s.done) c.seek({ topic, partition, offset: s.fetchPos.toString() });
      }
      pausePartitions(idle);
      joined();
    });
    // Batches of only markers or aborted records never reach eachBatch; they still move on.
    c.on(c.events.START_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize === 0 && payload.topic === topic)
        advance(payload.partition, [], BigInt(payload.lastOffset));
    });
    c.on(c.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      failure = payload.error;
      logger.warn({ err: payload.error.message }, 'DLQ reader stopped');
      notify();
    });
    const timeoutMs = options.joinTimeoutMs ?? 30_000;
    await withTimeout(c.connect(), timeoutMs, 'DLQ reader connect');
    await withTimeout(
      c.subscribe({ topics: [topic], fromBeginning: true }),
      timeoutMs,
      'subscribe',
    );
    await c.run({ autoCommit: false, eachBatch: onBatch });
    await withTimeout(firstJoin, timeoutMs, 'DLQ reader join');
  }

  function takeFromQueue(max: number, only?: ReadonlySet<number>): SourceChunk[] {
    const out: SourceChunk[] = [];
    let n = 0;
    for (let i = 0; i < queue.length;) {
      const head = queue[i];
      if (!head || !wanted(head, only)) {
        i++;
        continue;
      }
      const room = max - n;
      if (head.records.length <= room) {
        queue.splice(i, 1);
        out.push(head);
        n += head.records.length;
        continue;
      }
      if (room <= 0) break;
      // Split: the part taken ends right after its last record.
      const part = head.records.slice(0, room);
      head.records = head.records.slice(room);
      const last = part.at(-1);
      out.push({
        partition: head.partition,
        records: part,
        next: last ? BigInt(last.offset) + 1n : head.next,
      });
      n += part.length;
      break;
    }
    buffered -= n;
    if (flowPaused && buffered < maxBuffered / 2) {
      flowPaused = false;
      const resume = active();
      if (resume.length > 0) consumer?.resume([{ topic, partitions: resume }]);
    }
    return out;
  }

  return {
    async take(max, signal, partitions) {
      if (closed) throw new Error('the DLQ reader is closed');
      for (;;) {
        if (closed) return null;
        if (failure) throw failure;
        if (queue.some((c) => wanted(c, partitions)))
          return takeFromQueue(Math.max(1, max), partitions);
        if (allDone(partitions)) return null;
        if (signal?.aborted) return [];
        if (!started) {
          started = start();
          started.catch(() => undefined);
        }
        await started;
        if (queue.some((c) => wanted(c, partitions)) || allDone(partitions) || failure) continue;
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          const timer = setTimeout(done, 1000);
          signal?.addEventListener('abort', done, { once: true });
        });
      }
    },
    async close() {
      closed = true;
      notify();
      const c = consumer;
      consumer = undefined;
      if (c)
        await withTimeout(c.disconnect(), DISCONNECT_TIMEOUT_MS, 'DLQ reader disconnect').catch(
          () => undefined,
        );
    },
  };
}
