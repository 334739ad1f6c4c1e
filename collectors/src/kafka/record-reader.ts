import { randomBytes } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../logger';
import { withTimeout } from '../timeout';

/**
 * Reads a few records at given offsets, for record timestamps (lag seconds), DLQ ages and
 * dead-letter headers. kafkajs has no group-less consumer and no manual assign, so this is a
 * consumer in a throwaway group named `eventscope-tap-…` that NEVER commits offsets (so it can
 * never move a user-visible group) and keeps every partition paused except while a read is
 * pending: seek, resume, take the first batch, pause again. The consumer stays joined between
 * reads; it is rebuilt only when a read needs a topic it is not subscribed to, because kafkajs
 * fixes the subscription at run().
 */

export const TAP_GROUP_PREFIX = 'eventscope-tap-';
const DISCONNECT_TIMEOUT_MS = 2000;

export interface ReadRequest {
  topic: string;
  partition: number;
  /** First offset wanted; the first record at or after it is returned (compaction, markers). */
  offset: string;
  /** How many records at most (default 1). */
  count?: number;
}

export interface RecordReader {
  /** Records per request key (`readKey`); a request not answered in time maps to nothing. */
  read(requests: readonly ReadRequest[], timeoutMs: number): Promise<Map<string, KafkaMessage[]>>;
  /** true once the reader's consumer has joined (a read then only waits on fetches). */
  ready(): boolean;
  /** Kafka requests the reader's own clients made (joins, fetches). */
  requests(): number;
  close(): Promise<void>;
}

export const readKey = (topic: string, partition: number, offset: string): string =>
  `${topic}\u0000${partition}\u0000${offset}`;

interface Pending {
  request: ReadRequest;
  offset: bigint;
  count: number;
  messages: KafkaMessage[];
  done: boolean;
}

interface Session {
  consumer: Consumer;
  topics: Set<string>;
  joined: Promise<void>;
  crashed: boolean;
  isJoined: boolean;
}

export interface RecordReaderOptions {
  logger: Logger;
  /** Part of the throwaway group id, e.g. the cluster id. */
  name: string;
  joinTimeoutMs?: number;
}

export function createRecordReader(kafka: Kafka, options: RecordReaderOptions): RecordReader {
  const logger = options.logger.child({ component: 'record-reader' });
  let session: Session | undefined;
  let requestCount = 0;
  // topic → partition → pending reads, lowest offset first.
  const pending = new Map<string, Map<number, Pending[]>>();
  let wake: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function onBatch({ batch, isStale }: EachBatchPayload): Promise<void> {
    if (isStale()) return Promise.resolve();
    const list = pending.get(batch.topic)?.get(batch.partition);
    if (!list) return Promise.resolve();
    const high = BigInt(batch.highWatermark);
    for (const p of list) {
      if (p.done) continue;
      for (const m of batch.messages) {
        if (p.messages.length >= p.count) break;
        if (BigInt(m.offset) >= p.offset) p.messages.push(m);
      }
      const last = batch.messages.at(-1);
      const reachedEnd = (last ? BigInt(last.offset) + 1n : p.offset) >= high;
      if (p.messages.length >= p.count || reachedEnd || p.offset >= high) p.done = true;
    }
    const open = list.filter((p) => !p.done);
    if (open.length === 0) {
      session?.consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
    } else {
      // Continue after this batch, or jump ahead to the next wanted offset.
      const last = batch.messages.at(-1);
      const next = last ? BigInt(last.offset) + 1n : undefined;
      const wanted = open.reduce(
        (min, p) => {
          const at = p.messages.length > 0 && next !== undefined ? next : p.offset;
          return min === undefined || at < min ? at : min;
        },
        undefined as bigint | undefined,
      );
      if (wanted !== undefined && (next === undefined || wanted > next))
        session?.consumer.seek({
          topic: batch.topic,
          partition: batch.partition,
          offset: String(wanted),
        });
    }
    wake?.();
    return Promise.resolve();
  }

  async function closeSession(): Promise<void> {
    const old = session;
    session = undefined;
    // Bounded: leaving the group may wait on a fetch in flight or a dead broker.
    if (old)
      await withTimeout(
        old.consumer.disconnect(),
        DISCONNECT_TIMEOUT_MS,
        'reader disconnect',
      ).catch(() => undefined);
  }

  async function openSession(topics: Set<string>, timeoutMs: number): Promise<Session> {
    await closeSession();
    const consumer = kafka.consumer({
      // Never commits: see the file comment. The suffix keeps restarts from sharing a group.
      groupId: `${TAP_GROUP_PREFIX}${options.name}-read-${randomBytes(4).toString('hex')}`,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 64 * 1024,
      maxBytes: 1024 * 1024,
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 1 },
    });
    consumer.on(consumer.events.REQUEST, () => {
      requestCount++;
    });
    let joinedResolve: () => void = () => undefined;
    const joined = new Promise<void>((resolve) => (joinedResolve = resolve));
    const s: Session = { consumer, topics, joined, crashed: false, isJoined: false };
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // Fetch nothing until a read asks for it.
      consumer.pause([...topics].map((topic) => ({ topic })));
      s.isJoined = true;
      joinedResolve();
    });
    // Batches holding only transaction markers or aborted records never reach eachBatch;
    // when such a batch ends the log, whatever was asked for at or before it does not exist.
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize > 0) return;
      const list = pending.get(payload.topic)?.get(payload.partition);
      if (!list || BigInt(payload.lastOffset) + 1n < BigInt(payload.highWatermark)) return;
      for (const p of list) if (p.offset <= BigInt(payload.lastOffset)) p.done = true;
      if (list.every((p) => p.done))
        consumer.pause([{ topic: payload.topic, partitions: [payload.partition] }]);
      wake?.();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      s.crashed = true;
      logger.warn({ err: String(event.payload.error) }, 'record reader consumer crashed');
    });
    session = s;
    await withTimeout(consumer.connect(), timeoutMs, 'record reader connect');
    await withTimeout(
      consumer.subscribe({ topics: [...topics], fromBeginning: false }),
      timeoutMs,
      'record reader subscribe',
    );
    await consumer.run({ autoCommit: false, eachBatch: onBatch });
    await withTimeout(joined, options.joinTimeoutMs ?? timeoutMs, 'record reader join');
    return s;
  }

  async function ensureSession(topics: Set<string>, timeoutMs: number): Promise<Session> {
    const current = session;
    if (current && !current.crashed && [...topics].every((t) => current.topics.has(t))) {
      return current;
    }
    return openSession(topics, timeoutMs);
  }

  async function readNow(
    requests: readonly ReadRequest[],
    timeoutMs: number,
  ): Promise<Map<string, KafkaMessage[]>> {
    const result = new Map<string, KafkaMessage[]>();
    if (requests.length === 0) return result;
    const deadline = Date.now() + timeoutMs;
    const topics = new Set(requests.map((r) => r.topic));
    let s: Session;
    try {
      s = await ensureSession(topics, timeoutMs);
    } catch (error) {
      logger.warn({ err: String(error) }, 'record reader could not join');
      await closeSession();
      return result;
    }
    pending.clear();
    for (const request of requests) {
      const byPartition = pending.get(request.topic) ?? new Map<number, Pending[]>();
      pending.set(request.topic, byPartition);
      const list = byPartition.get(request.partition) ?? [];
      byPartition.set(request.partition, list);
      list.push({
        request,
        offset: BigInt(request.offset),
        count: request.count ?? 1,
        messages: [],
        done: false,
      });
    }
    for (const [topic, byPartition] of pending) {
      for (const [partition, list] of byPartition) {
        list.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
        const first = list[0];
        if (!first) continue;
        s.consumer.seek({ topic, partition, offset: first.request.offset });
        s.consumer.resume([{ topic, partitions: [partition] }]);
      }
    }
    const allDone = (): boolean =>
      [...pending.values()].every((m) => [...m.values()].every((l) => l.every((p) => p.done)));
    while (!allDone() && Date.now() < deadline && !s.crashed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(1, Math.min(50, deadline - Date.now()))).unref();
      });
    }
    wake = undefined;
    for (const byPartition of pending.values()) {
      for (const list of byPartition.values()) {
        for (const p of list) {
          if (p.done || p.messages.length > 0)
            result.set(readKey(p.request.topic, p.request.partition, p.request.offset), p.messages);
        }
      }
    }
    // Anything still open is abandoned: pause it so it stops fetching.
    s.consumer.pause([...topics].map((topic) => ({ topic })));
    pending.clear();
    if (s.crashed) await closeSession();
    return result;
  }

  return {
    read(requests, timeoutMs) {
      const run = queue.then(() => readNow(requests, timeoutMs));
      queue = run.catch(() => undefined);
      return run;
    },
    ready: () => session !== undefined && session.isJoined && !session.crashed,
    requests: () => requestCount,
    async close() {
      await queue;
      await closeSession();
    },
  };
}
