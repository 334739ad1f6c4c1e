import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../logger';
import { TAP_GROUP_PREFIX } from '../kafka/record-reader';
import { withTimeout } from '../timeout';
import { recordSizeBytes } from './record-size';
import { SizeWindows, type TopicSizeStats } from './size-windows';

/**
 * A read-only tap on watched topics: reads new records from the current end and feeds their
 * sizes into per-topic sketches. Its group id starts with `eventscope-tap-` and it never
 * commits offsets, so it cannot disturb any user-visible group; the sampler leaves
 * `eventscope-tap-*` groups out of its group list.
 */

export interface SizeTap {
  /** Tap exactly these topics (restarts the consumer when the set changes). */
  watch(topics: readonly string[]): Promise<void>;
  stats(topic: string): TopicSizeStats;
  /** Stop fetching without leaving the group; resume() picks up at the current position. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface SizeTapOptions {
  logger: Logger;
  name: string;
  windowMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export function createSizeTap(kafka: Kafka, options: SizeTapOptions): SizeTap {
  const logger = options.logger.child({ component: 'size-tap' });
  const now = options.now ?? Date.now;
  const windows = new SizeWindows(options.windowMs ?? 60_000);
  let consumer: Consumer | undefined;
  let watched = new Set<string>();
  let paused = false;

  async function stopConsumer(): Promise<void> {
    const old = consumer;
    consumer = undefined;
    if (old)
      await withTimeout(old.disconnect(), options.timeoutMs ?? 10_000, 'size tap disconnect').catch(
        () => undefined,
      );
  }

  async function start(topics: Set<string>): Promise<void> {
    await stopConsumer();
    if (topics.size === 0) return;
    const c = kafka.consumer({
      groupId: `${TAP_GROUP_PREFIX}${options.name}-size-${randomBytes(4).toString('hex')}`,
      maxWaitTimeInMs: 500,
      maxBytesPerPartition: 256 * 1024,
      allowAutoTopicCreation: false,
    });
    consumer = c;
    c.on(c.events.CRASH, (event) => {
      logger.warn(
        { err: String(event.payload.error) },
        'size tap crashed; it restarts on the next watch()',
      );
      if (consumer === c) consumer = undefined;
    });
    const timeoutMs = options.timeoutMs ?? 10_000;
    await withTimeout(c.connect(), timeoutMs, 'size tap connect');
    await withTimeout(
      c.subscribe({ topics: [...topics], fromBeginning: false }),
      timeoutMs,
      'size tap subscribe',
    );
    await c.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const at = now();
        for (const m of batch.messages) windows.add(batch.topic, recordSizeBytes(m), at);
      },
    });
    if (paused) c.pause([...topics].map((topic) => ({ topic })));
  }

  return {
    async watch(topics) {
      const next = new Set(topics);
      windows.retain(next);
      const same = next.size === watched.size && [...next].every((t) => watched.has(t));
      if (same && consumer) return;
      watched = next;
      try {
        await start(next);
      } catch (error) {
        logger.warn({ err: String(error) }, 'size tap could not start');
        await stopConsumer();
      }
    },
    stats: (topic) => windows.stats(topic, now()),
    pause() {
      paused = true;
      consumer?.pause([...watched].map((topic) => ({ topic })));
    },
    resume() {
      paused = false;
      consumer?.resume([...watched].map((topic) => ({ topic })));
    },
    close: stopConsumer,
  };
}
