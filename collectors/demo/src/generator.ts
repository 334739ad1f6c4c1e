/** The storefront: places orders on the `orders` topic at a steady rate, plus bursts on demand. */
import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import type { DemoLogger } from './options';
import { cloudEventHeaderMap, correlationHeaderMap } from './records';
import { binaryPayload, makeOrder } from './shop';
import type { DemoStats } from './stats';
import type { ServiceTracing } from './tracing';

export interface OrderGeneratorOptions {
  topic: string;
  producer: Producer;
  tracing: ServiceTracing;
  stats: DemoStats;
  logger: DemoLogger;
  ordersPerSecond: number;
  oversizedRatio: number;
  /** Share of orders written in a binary format the payments listener cannot read. */
  undecodableRatio: number;
}

export interface OrderGenerator {
  start(): void;
  /** Places `count` orders at once, in batches. */
  burst(count: number): Promise<void>;
  /** Stops the steady flow and waits for sends in flight. */
  stop(): Promise<void>;
}

const maxBatch = 500;
/** Well under demoMaxMessageBytes, whichever partitions the batch spreads over. */
const maxBatchBytes = 512 * 1024;

export function createOrderGenerator(options: OrderGeneratorOptions): OrderGenerator {
  const { producer, tracing, stats, topic } = options;
  const tickMs = Math.min(1_000, Math.max(20, 1_000 / options.ordersPerSecond));
  let timer: NodeJS.Timeout | undefined;
  let owed = 0;
  let last = Date.now();
  let sending = false;
  const inFlight = new Set<Promise<void>>();

  function orderMessage(): Message {
    const time = new Date();
    const undecodable = Math.random() < options.undecodableRatio;
    const oversized = !undecodable && Math.random() < options.oversizedRatio;
    const order = makeOrder({ oversized });
    if (oversized) stats.oversizedOrders += 1;
    return {
      key: order.orderId,
      value: undecodable ? binaryPayload() : JSON.stringify(order),
      headers: {
        ...cloudEventHeaderMap(
          { id: randomUUID(), type: 'com.shop.order.placed', source: '/shop/storefront', time },
          'application/json',
        ),
        ...correlationHeaderMap(randomUUID(), { cloudEvents: false }),
      },
    };
  }

  async function send(messages: Message[]): Promise<void> {
    // No span is active here, so each order's send span starts its own trace.
    await tracing.run(() => producer.send({ topic, messages }));
    stats.ordersProduced.add(messages.length);
  }

  /** Sends in batches capped by count and bytes: a partition's batch must fit max.message.bytes. */
  async function place(count: number): Promise<void> {
    let batch: Message[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i += 1) {
      const message = orderMessage();
      const size = message.value?.length ?? 0;
      if (batch.length > 0 && (batch.length >= maxBatch || bytes + size > maxBatchBytes)) {
        await send(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(message);
      bytes += size;
    }
    if (batch.length > 0) await send(batch);
  }

  function track(work: Promise<void>): Promise<void> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  function tick(): void {
    const now = Date.now();
    // Never owe more than a few seconds of orders: after a stall the rate stays the configured one.
    owed = Math.min(
      owed + ((now - last) / 1_000) * options.ordersPerSecond,
      options.ordersPerSecond * 3 + 1,
    );
    last = now;
    const count = Math.floor(owed);
    if (count === 0 || sending) return;
    owed -= count;
    sending = true;
    void track(
      place(count)
        .catch((error: unknown) => {
          options.logger.warn({ err: error, topic }, 'demo order generator could not send');
        })
        .finally(() => {
          sending = false;
        }),
    );
  }

  return {
    start() {
      last = Date.now();
      timer = setInterval(tick, tickMs);
    },
    burst(count) {
      return track(place(count));
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
