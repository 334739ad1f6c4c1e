/**
 * Payments: reads orders, authorizes them and publishes `payments`. A failed order goes to the
 * dead-letter topic the way Spring Kafka's DeadLetterPublishingRecoverer writes it: same key, value,
 * partition and headers (so the original traceparent and correlation id survive), plus the
 * `kafka_dlt-*` headers pointing at the order record.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { cloudEventHeaders, correlationSpanAttribute } from '@eventscope/shared';
import { createServiceConsumer, type ServiceConsumer } from './consumer-loop';
import { springDeadLetterHeaders, type JavaFailure } from './dead-letters';
import {
  cloudEventHeaderMap,
  correlationHeaderMap,
  correlationIdOf,
  headerText,
  type HeaderMap,
} from './records';
import { decodeOrder, makePayment, paymentFailure } from './shop';
import { sleep } from './sleep';
import type { DemoStats } from './stats';
import type { DemoTopics } from './topics';
import type { ServiceTracing } from './tracing';

export interface PaymentsServiceOptions {
  kafka: Kafka;
  producer: Producer;
  groupId: string;
  topics: DemoTopics;
  tracing: ServiceTracing;
  stats: DemoStats;
  /** Chance that an order which decodes fine is refused anyway (card declined, fraud, …). */
  failureRatio: number;
  signal: AbortSignal;
}

export interface PaymentsService {
  start(): Promise<void>;
  readonly consumer: ServiceConsumer;
  /** The next `count` orders fail and are dead-lettered. */
  poisonNext(count: number): void;
  readonly pendingPoison: number;
}

export function createPaymentsService(options: PaymentsServiceOptions): PaymentsService {
  const { producer, topics, tracing, stats, groupId, signal } = options;
  const consumer = createServiceConsumer({ ...options, topic: topics.orders });
  let pendingPoison = 0;

  async function deadLetter(
    payload: EachMessagePayload,
    failure: JavaFailure,
    undecodable: boolean,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    const processing = trace.getActiveSpan();
    processing?.recordException({ name: failure.className, message: failure.message });
    processing?.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
    const headers: HeaderMap = {
      ...message.headers,
      ...springDeadLetterHeaders({
        topic,
        partition,
        offset: message.offset,
        timestamp: message.timestamp,
        consumerGroup: groupId,
        failure,
      }),
    };
    // Spring publishes to the same partition number; the send itself is traced by hand because the
    // instrumentation would overwrite the original traceparent the DLQ record must keep.
    const correlationId = correlationIdOf(message.headers);
    const span = tracing.tracer.startSpan(`send ${topics.paymentsDlt}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topics.paymentsDlt,
        'messaging.destination.partition.id': String(partition),
        'exception.type': failure.className,
        ...(correlationId ? { [correlationSpanAttribute]: correlationId } : {}),
      },
    });
    try {
      await tracing.untraced(() =>
        producer.send({
          topic: topics.paymentsDlt,
          messages: [{ key: message.key, value: message.value, partition, headers }],
        }),
      );
    } finally {
      span.end();
    }
    stats.paymentsDeadLettered.add();
    if (undecodable) stats.binaryDeadLetters += 1;
  }

  async function handle(payload: EachMessagePayload): Promise<void> {
    const { message } = payload;
    stats.paymentsConsumed.add();
    const decoded = decodeOrder(message.value);
    if (!decoded.ok) return deadLetter(payload, decoded.failure, true);
    const order = decoded.value;
    // The payment gateway round trip.
    await sleep(3 + randomInt(15), signal);
    const forced = pendingPoison > 0;
    if (forced) pendingPoison -= 1;
    if (forced || Math.random() < options.failureRatio) {
      return deadLetter(payload, paymentFailure(order), false);
    }
    const correlationId = correlationIdOf(message.headers) ?? randomUUID();
    const payment = makePayment(order);
    await tracing.run(() =>
      producer.send({
        topic: topics.payments,
        messages: [
          {
            key: order.orderId,
            value: JSON.stringify(payment),
            headers: {
              ...cloudEventHeaderMap(
                {
                  id: randomUUID(),
                  type: 'com.shop.payment.authorized',
                  source: '/shop/payments',
                  time: new Date(),
                },
                'application/json',
              ),
              ...correlationHeaderMap(correlationId, {
                cloudEvents: true,
                causationId: headerText(message.headers, cloudEventHeaders.id),
              }),
            },
          },
        ],
      }),
    );
    stats.paymentsProduced.add();
  }

  return {
    consumer,
    start: () => consumer.start(handle),
    poisonNext(count) {
      pendingPoison += count;
    },
    get pendingPoison() {
      return pendingPoison;
    },
  };
}
