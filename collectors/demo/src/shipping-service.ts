/**
 * Shipping: reads authorized payments and publishes `shipments`. Now and then it goes through a slow
 * phase (a carrier API timing out), so its lag rises and falls. It also plays the warehouse's Kafka
 * Connect sink: a slice of shipments is dead-lettered with `__connect.errors.*` headers.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { EachMessagePayload, Kafka, Message, Producer } from 'kafkajs';
import { cloudEventHeaders } from '@eventscope/shared';
import { createServiceConsumer, type ServiceConsumer } from './consumer-loop';
import { connectDeadLetterHeaders } from './dead-letters';
import type { DemoLogger } from './options';
import { cloudEventHeaderMap, correlationHeaderMap, correlationIdOf, headerText } from './records';
import { binaryPayload, makeShipment, PaymentSchema, sinkFailure } from './shop';
import { sleep } from './sleep';
import type { DemoStats } from './stats';
import type { DemoTopics } from './topics';
import type { ServiceTracing } from './tracing';

export interface ShippingServiceOptions {
  kafka: Kafka;
  producer: Producer;
  groupId: string;
  topics: DemoTopics;
  tracing: ServiceTracing;
  stats: DemoStats;
  logger: DemoLogger;
  connectDlqRatio: number;
  binaryRatio: number;
  slowEvery: number;
  slowFor: number;
  slowDelayMs: number;
  signal: AbortSignal;
}

export interface ShippingService {
  start(): Promise<void>;
  readonly consumer: ServiceConsumer;
  readonly slow: boolean;
  stop(): void;
}

const connectorName = 'warehouse-jdbc-sink';

function parseJson(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString() ?? 'null');
  } catch {
    return undefined;
  }
}

export function createShippingService(options: ShippingServiceOptions): ShippingService {
  const { producer, topics, tracing, stats, signal } = options;
  const consumer = createServiceConsumer({ ...options, topic: topics.payments });
  let slow = false;
  let timer: NodeJS.Timeout | undefined;

  function schedule(): void {
    if (options.slowEvery <= 0 || signal.aborted) return;
    const wait = slow ? options.slowFor : Math.max(0, options.slowEvery - options.slowFor);
    timer = setTimeout(() => {
      slow = !slow;
      options.logger.info({ slow }, slow ? 'demo shipping slows down' : 'demo shipping recovers');
      schedule();
    }, wait);
  }

  async function deadLetterToSink(
    shipment: Message,
    partition: number,
    offset: string,
  ): Promise<void> {
    const binary = Buffer.isBuffer(shipment.value);
    const { stage, executingClass, failure } = sinkFailure(binary, topics.shipments);
    // Connect copies the record's own headers (traceparent included) and adds its error context.
    await tracing.untraced(() =>
      producer.send({
        topic: topics.connectDlq,
        messages: [
          {
            key: shipment.key,
            value: shipment.value,
            headers: {
              ...shipment.headers,
              ...connectDeadLetterHeaders({
                topic: topics.shipments,
                partition,
                offset,
                connectorName,
                taskId: 0,
                stage,
                executingClass,
                failure,
              }),
            },
          },
        ],
      }),
    );
    stats.connectDeadLettered.add();
    if (binary) stats.binaryDeadLetters += 1;
  }

  async function handle({ message }: EachMessagePayload): Promise<void> {
    stats.shippingConsumed.add();
    const parsed = PaymentSchema.safeParse(parseJson(message.value));
    if (!parsed.success) {
      options.logger.warn(
        { offset: message.offset },
        'demo shipping skipped an unreadable payment',
      );
      return;
    }
    // Booking the carrier: quick, except in a slow phase.
    await sleep(slow ? options.slowDelayMs : 2 + randomInt(8), signal);
    const toSink = Math.random() < options.connectDlqRatio;
    const binary = toSink && Math.random() < options.binaryRatio;
    const shipment = makeShipment(parsed.data);
    const record: Message = {
      key: shipment.orderId,
      // The legacy label printer writes Avro: the JSON sink connector chokes on it.
      value: binary ? binaryPayload() : JSON.stringify(shipment),
      headers: {
        ...cloudEventHeaderMap(
          {
            id: randomUUID(),
            type: 'com.shop.shipment.created',
            source: '/shop/shipping',
            time: new Date(),
          },
          binary ? 'application/avro' : 'application/json',
        ),
        ...correlationHeaderMap(correlationIdOf(message.headers) ?? randomUUID(), {
          cloudEvents: true,
          causationId: headerText(message.headers, cloudEventHeaders.id),
        }),
      },
    };
    const [sent] = await tracing.run(() =>
      producer.send({ topic: topics.shipments, messages: [record] }),
    );
    stats.shipmentsProduced.add();
    if (toSink && sent?.baseOffset !== undefined) {
      await deadLetterToSink(record, sent.partition, sent.baseOffset);
    }
  }

  return {
    consumer,
    async start() {
      await consumer.start(handle);
      schedule();
    },
    get slow() {
      return slow;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
