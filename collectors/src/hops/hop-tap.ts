import { randomBytes } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from '../logger';
import { TAP_GROUP_PREFIX } from '../kafka/record-reader';
import { withTimeout } from '../timeout';
import { isTraceable, recordFacts, type RecordFacts } from './record-facts';

/**
 * The hop tap: a read-only consumer on the watched topics that keeps the facts of records
 * carrying a trace context, a correlation id or dead-letter headers (never their payload).
 * Like the size tap, its group id starts with `eventscope-tap-` and it never commits, so no
 * user-visible group moves and the sampler leaves it out of its group list.
 *
 * Reads are incremental: it remembers the next offset per partition (starting at the log end
 * when a topic is first watched) and seeks there whenever it (re)joins, so a restart neither
 * skips nor re-reads records. At most `maxBuffered` records wait between two drains; at the cap
 * the partition pauses and resumes where it stopped on the next drain.
 */

/** topic → partition → log start and end offsets (the sampler's `raw.offsets`). */
export type LogOffsets = ReadonlyMap<string, ReadonlyMap<number, { start: string; end: string }>>;

export interface HopTap {
  /** Tap exactly these topics; partitions seen for the first time start at their log end. */
  watch(topics: readonly string[], offsets: LogOffsets): Promise<void>;
  /** The traceable records read since the last drain, in read order. */
  drain(): RecordFacts[];
  /** Records read since the tap was created, traceable or not. */
  readCount(): number;
  /** Leaves the group; positions are kept, so the next watch() continues where this stopped. */
  disconnect(): Promise<void>;
}

export interface HopTapOptions {
  logger: Logger;
  /** Part of the group id, e.g. the cluster id. */
  name: string;
  timeoutMs?: number;
  /** Traceable records kept between drains at most (default 20,000). */
  maxBuffered?: number;
  now?: () => number;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export function createHopTap(kafka: Kafka, options: HopTapOptions): HopTap {
  const logger = options.logger.child({ component: 'hop-tap' });
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBuffered = options.maxBuffered ?? 20_000;
  /** Next offset to read, per partition. */
  const positions = new Map<string, { topic: string; partition: number; next: bigint }>();
  /** Partitions paused because the buffer was full. */
  const held = new Set<string>();
  let buffer: RecordFacts[] = [];
  let read = 0;
  let consumer: Consumer | undefined;
  let watched = new Set<string>();

  function onBatch({ batch, isStale }: EachBatchPayload): Promise<void> {
    const key = keyOf(batch.topic, batch.partition);
    // A held partition waits for the drain, which seeks it back to its position.
    if (isStale() || held.has(key)) return Promise.resolve();
    const at = now();
    for (const m of batch.messages) {
      const offset = BigInt(m.offset);
      const position = positions.get(key);
      if (position && offset < position.next) continue;
      if (buffer.length >= maxBuffered) {
        held.add(key);
        consumer?.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
        break;
      }
      read++;
      const facts = recordFacts(
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          timestamp: m.timestamp,
          key: m.key,
          value: m.value,
          headers: m.headers,
        },
        at,
      );
      if (isTraceable(facts)) buffer.push(facts);
      positions.set(key, { topic: batch.topic, partition: batch.partition, next: offset + 1n });
    }
    return Promise.resolve();
  }

  function seekToPositions(c: Consumer, assignment: Record<string, number[]>): void {
    for (const [topic, partitions] of Object.entries(assignment))
      for (const partition of partitions) {
        const position = positions.get(keyOf(topic, partition));
        if (position) c.seek({ topic, partition, offset: position.next.toString() });
      }
  }

  async function stopConsumer(): Promise<void> {
    const old = consumer;
    consumer = undefined;
    held.clear();
    if (old)
      await withTimeout(old.disconnect(), timeoutMs, 'hop tap disconnect').catch(() => undefined);
  }

  async function start(topics: Set<string>): Promise<void> {
    await stopConsumer();
    if (topics.size === 0) return;
    const c = kafka.consumer({
      groupId: `${TAP_GROUP_PREFIX}${options.name}-hops-${randomBytes(4).toString('hex')}`,
      maxWaitTimeInMs: 500,
      maxBytesPerPartition: 256 * 1024,
      allowAutoTopicCreation: false,
    });
    consumer = c;
    // Every (re)join continues from the remembered positions, not from the log end.
    c.on(c.events.GROUP_JOIN, ({ payload }) => seekToPositions(c, payload.memberAssignment));
    c.on(c.events.CRASH, (event) => {
      if (event.payload.restart) return;
      logger.warn(
        { err: String(event.payload.error) },
        'hop tap crashed; it restarts on the next sample',
      );
      if (consumer === c) consumer = undefined;
    });
    await withTimeout(c.connect(), timeoutMs, 'hop tap connect');
    await withTimeout(
      c.subscribe({ topics: [...topics], fromBeginning: false }),
      timeoutMs,
      'hop tap subscribe',
    );
    await c.run({ autoCommit: false, eachBatch: onBatch });
  }

  return {
    async watch(topics, offsets) {
      const next = new Set(topics);
      for (const [key, position] of positions) if (!next.has(position.topic)) positions.delete(key);
      for (const topic of next)
        for (const [partition, o] of offsets.get(topic) ?? []) {
          const key = keyOf(topic, partition);
          const position = positions.get(key);
          // New partitions start at the end; a position the log no longer holds moves to its start.
          if (!position) positions.set(key, { topic, partition, next: BigInt(o.end) });
          else if (position.next < BigInt(o.start)) position.next = BigInt(o.start);
        }
      const same = next.size === watched.size && [...next].every((t) => watched.has(t));
      if (same && consumer) return;
      watched = next;
      try {
        await start(next);
      } catch (error) {
        logger.warn({ err: String(error) }, 'hop tap could not start');
        await stopConsumer();
      }
    },
    drain() {
      const drained = buffer;
      buffer = [];
      const c = consumer;
      if (c)
        for (const key of held) {
          const position = positions.get(key);
          if (!position) continue;
          const { topic, partition, next } = position;
          c.seek({ topic, partition, offset: next.toString() });
          c.resume([{ topic, partitions: [partition] }]);
        }
      held.clear();
      return drained;
    },
    readCount: () => read,
    async disconnect() {
      watched = new Set();
      await stopConsumer();
    },
  };
}
