/** Starts the demo shop against a broker and hands back the controls. */
import type { Kafka, Producer } from 'kafkajs';
import { createDemoKafka, createDemoProducer } from './kafka-client';
import { resolveDemoOptions, type DemoOptions } from './options';
import { createOrderGenerator } from './generator';
import { createPaymentsService } from './payments-service';
import { demoServices, type DemoService } from './services';
import { createShippingService } from './shipping-service';
import { DemoStats, type DemoStatus } from './stats';
import {
  demoGroups,
  demoTopics,
  ensureDemoTopics,
  type DemoGroups,
  type DemoTopics,
} from './topics';
import { createServiceTracing, type ServiceTracing } from './tracing';

export interface DemoHandle {
  readonly topics: DemoTopics;
  readonly groups: DemoGroups;
  /** Stops producing, disconnects every client and flushes spans; safe to call twice. */
  stop(): Promise<void>;
  /** Stops a service's consumption (and so its commits): its lag grows until `resume`. */
  pause(service: DemoService): Promise<void>;
  resume(service: DemoService): Promise<void>;
  /** Places `count` orders at once. */
  burst(count: number): Promise<void>;
  /** The next `count` orders the payments service takes are dead-lettered. */
  poisonNext(count: number): void;
  status(): DemoStatus;
}

/** A control used after `stop()`. */
export class DemoStoppedError extends Error {
  constructor() {
    super('the demo workload is stopped');
    this.name = 'DemoStoppedError';
  }
}

interface Disconnectable {
  disconnect(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<DemoHandle> {
  const settings = resolveDemoOptions(options);
  const { logger, brokers } = settings;
  const topics = demoTopics(settings.topicPrefix);
  const groups = demoGroups(settings.groupPrefix);
  const stats = new DemoStats();
  const aborter = new AbortController();
  const startedAt = new Date().toISOString();

  const tracing = (serviceName: string, consumerGroup?: string): ServiceTracing =>
    createServiceTracing({
      serviceName,
      apiUrl: settings.apiUrl,
      exportDelayMs: settings.spanExportDelayMs,
      consumerGroup,
    });
  const tracings = {
    generator: tracing('order-generator'),
    payments: tracing('payments', groups.payments),
    shipping: tracing('shipping', groups.shipping),
  };
  const clients = {
    generator: createDemoKafka(brokers, 'order-generator', logger),
    payments: createDemoKafka(brokers, 'payments', logger),
    shipping: createDemoKafka(brokers, 'shipping', logger),
  };
  const producers: Record<keyof typeof clients, Producer> = {
    generator: createDemoProducer(clients.generator, logger),
    payments: createDemoProducer(clients.payments, logger),
    shipping: createDemoProducer(clients.shipping, logger),
  };

  const generator = createOrderGenerator({
    topic: topics.orders,
    producer: producers.generator,
    tracing: tracings.generator,
    stats,
    logger,
    ordersPerSecond: settings.ordersPerSecond,
    oversizedRatio: settings.oversizedRatio,
    undecodableRatio: settings.poisonRatio * settings.binaryRatio,
  });
  const payments = createPaymentsService({
    kafka: clients.payments,
    producer: producers.payments,
    groupId: groups.payments,
    topics,
    tracing: tracings.payments,
    stats,
    failureRatio: settings.poisonRatio * (1 - settings.binaryRatio),
    signal: aborter.signal,
  });
  const shipping = createShippingService({
    kafka: clients.shipping,
    producer: producers.shipping,
    groupId: groups.shipping,
    topics,
    tracing: tracings.shipping,
    stats,
    logger,
    connectDlqRatio: settings.connectDlqRatio,
    binaryRatio: settings.binaryRatio,
    slowEvery: settings.slowShippingEvery,
    slowFor: settings.slowShippingFor,
    slowDelayMs: settings.slowShippingDelayMs,
    signal: aborter.signal,
  });
  const consumers = { payments: payments.consumer, shipping: shipping.consumer };

  let running = true;
  let stopping: Promise<void> | undefined;

  async function shutdown(): Promise<void> {
    running = false;
    aborter.abort();
    shipping.stop();
    await generator.stop();
    // Consumers first: a record in hand finishes (and its output is sent) before producers go.
    await settle([consumers.payments.stop(), consumers.shipping.stop()]);
    await settle(Object.values(producers).map((p: Disconnectable) => p.disconnect()));
    await settle(Object.values(tracings).map((t) => t.shutdown()));
    logger.info({ topics }, 'demo workload stopped');
  }

  async function settle(work: Promise<void>[]): Promise<void> {
    for (const result of await Promise.allSettled(work)) {
      if (result.status === 'rejected') {
        logger.warn({ err: result.reason }, 'demo workload did not stop cleanly');
      }
    }
  }

  const handle: DemoHandle = {
    topics,
    groups,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
    async pause(service) {
      assertRunning();
      consumers[service].pause();
      logger.info({ service }, 'demo service paused');
    },
    async resume(service) {
      assertRunning();
      consumers[service].resume();
      logger.info({ service }, 'demo service resumed');
    },
    burst(count) {
      assertRunning();
      return generator.burst(count);
    },
    poisonNext(count) {
      assertRunning();
      payments.poisonNext(count);
    },
    status() {
      return {
        running,
        startedAt,
        topics,
        groups,
        paused: demoServices.filter((s) => consumers[s].paused),
        slowShipping: shipping.slow,
        pendingPoison: payments.pendingPoison,
        targetOrdersPerSecond: settings.ordersPerSecond,
        produced: {
          orders: stats.ordersProduced.total,
          payments: stats.paymentsProduced.total,
          shipments: stats.shipmentsProduced.total,
        },
        consumed: {
          payments: stats.paymentsConsumed.total,
          shipping: stats.shippingConsumed.total,
        },
        deadLettered: {
          payments: stats.paymentsDeadLettered.total,
          connect: stats.connectDeadLettered.total,
          binary: stats.binaryDeadLetters,
        },
        oversizedOrders: stats.oversizedOrders,
        rates: {
          orders: stats.ordersProduced.ratePerSecond(),
          payments: stats.paymentsProduced.ratePerSecond(),
          shipments: stats.shipmentsProduced.ratePerSecond(),
          deadLetters:
            stats.paymentsDeadLettered.ratePerSecond() + stats.connectDeadLettered.ratePerSecond(),
        },
      };
    },
  };

  function assertRunning(): void {
    if (!running) throw new DemoStoppedError();
  }

  try {
    await prepareTopics(clients.generator, topics);
    await Promise.all(Object.values(producers).map((p) => p.connect()));
    await Promise.all([payments.start(), shipping.start()]);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  generator.start();
  logger.info(
    { topics, groups, ordersPerSecond: settings.ordersPerSecond },
    'demo workload started',
  );
  return handle;
}

async function prepareTopics(kafka: Kafka, topics: DemoTopics): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureDemoTopics(admin, topics);
  } finally {
    await admin.disconnect();
  }
}
