/**
 * Hop spans alone, on a real broker and a real api: records that carry only a correlation header
 * (no trace context) flow orders → payments → payments-dlt through real consumer groups that
 * commit; the sampler's hop tap turns them into spans and GET /api/traces/{correlationId}
 * returns one timeline with the produced, queued (per group) and dead-lettered hops.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import { hopKindOf, TimelineSchema, TraceSummarySchema, type Timeline } from '@eventscope/shared';
import { correlationTraceId, createSampler, silentLogger } from '@eventscope/collectors';
import { testCluster } from '@eventscope/collectors/testing';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { startTestApp, type TestApp } from '../testing/app';
import { ingestHopSpans } from './index';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const producer = kafka.producer();
let app: TestApp;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  app = await startTestApp();
  await Promise.all([admin.connect(), producer.connect()]);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await Promise.all([admin.disconnect(), producer.disconnect()]);
  await app.close();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int64 = (n: string) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};

/** A consumer group that handles each record and commits (kafkajs auto-commit). */
async function service(
  groupId: string,
  topic: string,
  handle: (record: {
    topic: string;
    partition: number;
    offset: string;
    timestamp: string;
    key: Buffer | null;
    headers: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  }) => Promise<void>,
): Promise<void> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ topic: t, partition, message }) =>
      handle({ ...message, topic: t, partition, headers: message.headers ?? {} }),
  });
  cleanups.push(() => consumer.disconnect());
}

describe('hop spans from broker records', () => {
  it('makes one timeline of correlation-only records: produced, queued per group, dead-lettered', async () => {
    const prefix = `${uniqueName('hops')}.`;
    const topics = {
      orders: `${prefix}orders`,
      payments: `${prefix}payments`,
      dlt: `${prefix}payments-dlt`,
    };
    const groups = { payments: `${prefix}payments-svc`, shipping: `${prefix}shipping-svc` };
    await admin.createTopics({
      topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
    const sampler = createSampler(testCluster(brokers), {
      intervalMs: 400,
      logger: silentLogger,
      onSnapshot: () => undefined,
      hopTopics: (all) => all.filter((t) => t.startsWith(prefix)),
      onSpans: ingestHopSpans(app.spans, pino({ level: 'silent' })),
    });
    cleanups.push(() => sampler.stop());
    // The first sample places the hop tap at the log ends; from there every record is read.
    await sampler.sampleOnce();
    sampler.start();

    // payments: reads orders, publishes the payment with the same correlation id (no traceparent).
    await service(groups.payments, topics.orders, async (order) => {
      await producer.send({
        topic: topics.payments,
        messages: [
          {
            key: order.key,
            value: '{"authorized":true}',
            headers: {
              'correlation-id': order.headers['correlation-id'],
              ce_id: `${String(order.headers.ce_id)}-payment`,
              ce_causationid: order.headers.ce_id,
            },
          },
        ],
      });
    });
    // shipping: fails on the payment and dead-letters it the way Spring Kafka does.
    await service(groups.shipping, topics.payments, async (payment) => {
      await producer.send({
        topic: topics.dlt,
        messages: [
          {
            key: payment.key,
            value: '{"authorized":true}',
            headers: {
              ...payment.headers,
              'kafka_dlt-original-topic': payment.topic,
              'kafka_dlt-original-partition': int32(payment.partition),
              'kafka_dlt-original-offset': int64(payment.offset),
              'kafka_dlt-original-timestamp': int64(payment.timestamp),
              'kafka_dlt-original-consumer-group': groups.shipping,
              'kafka_dlt-exception-fqcn': 'com.shop.AddressInvalidException',
              'kafka_dlt-exception-message': 'no such street',
            },
          },
        ],
      });
    });

    const correlationId = uniqueName('order');
    await producer.send({
      topic: topics.orders,
      messages: [
        {
          key: 'order-1',
          value: '{"total":12}',
          headers: { 'correlation-id': correlationId, ce_id: `${correlationId}-evt` },
        },
      ],
    });

    const viewer = { authorization: `Bearer ${app.tokens.viewer}` };
    const names = [
      `produced ${topics.orders}`,
      `queued ${topics.orders} → ${groups.payments}`,
      `produced ${topics.payments}`,
      `queued ${topics.payments} → ${groups.shipping}`,
      `dead-lettered ${topics.dlt}`,
    ];
    const timeline: Timeline = await until(async () => {
      const response = await fetch(`${app.url}/api/traces/${encodeURIComponent(correlationId)}`, {
        headers: viewer,
      });
      if (response.status !== 200) return undefined;
      const parsed = TimelineSchema.parse(await response.json());
      return parsed.spans.length >= names.length ? parsed : undefined;
    }, 30_000);

    // One trace, from hop spans alone, in causal order.
    expect(timeline.traceIds).toEqual([correlationTraceId(correlationId)]);
    expect(timeline.correlationIds).toEqual([correlationId]);
    expect(timeline.spans.map((s) => s.name)).toEqual(names);
    expect(timeline.spans.every((s) => s.source === 'broker' && s.service === 'kafka')).toBe(true);
    expect(timeline.spans.map((s) => hopKindOf(s))).toEqual([
      'produced',
      'queued',
      'produced',
      'queued',
      'dead-lettered',
    ]);
    const [order, queuedOrder, payment, queuedPayment, dead] = timeline.spans;
    expect(queuedOrder?.parentSpanId).toBe(order?.spanId);
    expect(queuedPayment?.parentSpanId).toBe(payment?.spanId);
    // The payment was caused by the order (CloudEvents causation id): a link, followed in order.
    expect(payment?.links.map((l) => l.spanId)).toEqual([order?.spanId]);
    // The dead letter hangs under the payment it failed on, joined through the Spring headers.
    expect(dead).toMatchObject({
      parentSpanId: payment?.spanId,
      status: { code: 'error', message: 'com.shop.AddressInvalidException: no such street' },
      messaging: { destination: topics.dlt, consumerGroup: groups.shipping },
    });
    // Queue waits per group, each the queued hop's own length, and positive.
    expect(timeline.queueWaits).toEqual([
      expect.objectContaining({
        from: order?.spanId,
        to: queuedOrder?.spanId,
        topic: topics.orders,
      }),
      expect.objectContaining({
        from: payment?.spanId,
        to: queuedPayment?.spanId,
        topic: topics.payments,
      }),
    ]);
    for (const wait of timeline.queueWaits) expect(wait.waitMs).toBeGreaterThan(0);
    expect(queuedOrder?.messaging.consumerGroup).toBe(groups.payments);
    expect(queuedPayment?.messaging.consumerGroup).toBe(groups.shipping);
    expect(timeline.segments).toEqual([
      expect.objectContaining({ kind: 'dlq', label: topics.dlt, spanIds: [dead?.spanId] }),
    ]);

    // The search finds it by correlation id and by topic.
    const search = async (query: string) =>
      TraceSummarySchema.array().parse(
        await (await fetch(`${app.url}/api/traces?${query}`, { headers: viewer })).json(),
      );
    const [summary] = await search(`correlationId=${encodeURIComponent(correlationId)}`);
    expect(summary).toMatchObject({
      traceId: correlationTraceId(correlationId),
      services: ['kafka'],
      spanCount: 5,
      hasError: true,
    });
    expect((await search(`topic=${encodeURIComponent(topics.dlt)}`)).map((t) => t.traceId)).toEqual(
      [correlationTraceId(correlationId)],
    );
  });
});
