/**
 * Hop spans beside OTLP spans: the demo shop, instrumented with the OpenTelemetry SDK and
 * @opentelemetry/instrumentation-kafkajs, exports its spans to this api while the sampler's hop
 * tap derives hop spans from the same records. A dead-lettered order then reads as one timeline:
 * the SDK's producer span, the produced hop nested under it (through the record's traceparent),
 * the payments group's queue wait, the failed consumer span and the DLQ detour.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import { startDemo, type DemoHandle } from '@eventscope/demo';
import {
  hopKindOf,
  TimelineSchema,
  TraceSummarySchema,
  type Timeline,
  type TimelineSpan,
} from '@eventscope/shared';
import { createSampler, silentLogger, type Sampler } from '@eventscope/collectors';
import { testCluster } from '@eventscope/collectors/testing';
import { uniqueName } from '@eventscope/tools/kafka';
import { startTestApp, type TestApp } from '../testing/app';
import { storedSpans } from '../testing/spans';
import { ingestHopSpans } from './index';

const brokers = inject('kafkaBrokers');
const prefix = `${uniqueName('hops-otel')}.`;
let app: TestApp;
let demo: DemoHandle | undefined;
let sampler: Sampler | undefined;

beforeAll(async () => {
  // The demo's exporter sends no credentials, like most OTLP exporters.
  app = await startTestApp({ otlpAnonymous: true });
});
afterAll(async () => {
  await demo?.stop();
  await sampler?.stop();
  await app.close();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const viewer = () => ({ authorization: `Bearer ${app.tokens.viewer}` });

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${app.url}${path}`, { headers: viewer() });
  return response.status === 200 ? response.json() : undefined;
}

describe('hop spans with OTLP spans from a real OpenTelemetry SDK', () => {
  it('nests the hops of a dead-lettered order under its SDK spans, in one timeline', async () => {
    demo = await startDemo({
      brokers,
      apiUrl: app.url,
      ordersPerSecond: 10,
      poisonRatio: 0,
      connectDlqRatio: 0,
      oversizedRatio: 0,
      slowShippingEvery: 0,
      topicPrefix: prefix,
      groupPrefix: prefix,
      spanExportDelayMs: 200,
    });
    const { topics, groups } = demo;
    sampler = createSampler(testCluster(brokers), {
      intervalMs: 400,
      logger: silentLogger,
      onSnapshot: () => undefined,
      hopTopics: (all) => all.filter((t) => t.startsWith(prefix)),
      onSpans: ingestHopSpans(app.spans, pino({ level: 'silent' })),
    });
    await sampler.sampleOnce();
    sampler.start();

    // Poison an order only once the payments group consumes, on every partition, records the
    // tap has read: the poisoned order then certainly has its produced hop.
    const queuedOrders = `queued ${topics.orders} → ${groups.payments}`;
    await until(async () => {
      const queued = await storedSpans(app.store.db, (span) => span.name === queuedOrders);
      return new Set(queued.map((span) => span.messaging.partition)).size >= 3 ? true : undefined;
    }, 45_000);
    demo.poisonNext(1);

    const correlationId = await until(async () => {
      const found = await getJson(`/api/traces?topic=${encodeURIComponent(topics.paymentsDlt)}`);
      return found === undefined
        ? undefined
        : TraceSummarySchema.array().parse(found)[0]?.correlationIds[0];
    }, 30_000);

    const byName = (timeline: Timeline, test: (s: TimelineSpan) => boolean) =>
      timeline.spans.find(test);
    const pieces = (timeline: Timeline) => {
      const produced = byName(timeline, (s) => hopKindOf(s) === 'produced');
      const sdkProducer = byName(
        timeline,
        (s) => s.source === 'otlp' && s.spanId === produced?.parentSpanId,
      );
      const queued = byName(timeline, (s) => s.name === queuedOrders);
      const sdkConsumer = byName(
        timeline,
        (s) => s.source === 'otlp' && s.kind === 'consumer' && s.service === 'payments',
      );
      const sdkDeadLetter = byName(
        timeline,
        (s) =>
          s.source === 'otlp' &&
          s.kind === 'producer' &&
          s.messaging.destination === topics.paymentsDlt,
      );
      const dead = byName(timeline, (s) => hopKindOf(s) === 'dead-lettered');
      return { sdkProducer, produced, queued, sdkConsumer, sdkDeadLetter, dead };
    };
    // SDK spans arrive with the exporter's delay, queued hops with the group's commit.
    const timeline = await until(async () => {
      const found = await getJson(`/api/traces/${encodeURIComponent(correlationId)}`);
      if (found === undefined) return undefined;
      const parsed = TimelineSchema.parse(found);
      return Object.values(pieces(parsed)).every(Boolean) ? parsed : undefined;
    }, 45_000);
    const { sdkProducer, produced, queued, sdkConsumer, sdkDeadLetter, dead } = pieces(timeline);
    if (!sdkProducer || !produced || !queued || !sdkConsumer || !sdkDeadLetter || !dead)
      throw new Error('timeline incomplete');

    // One trace: the SDK's, carried by the record's traceparent into the hops.
    expect(timeline.traceIds).toEqual([sdkProducer.traceId]);
    expect(sdkProducer).toMatchObject({
      service: 'order-generator',
      kind: 'producer',
      messaging: { destination: topics.orders },
    });
    expect(produced).toMatchObject({
      source: 'broker',
      service: 'kafka',
      parentSpanId: sdkProducer.spanId,
      depth: sdkProducer.depth + 1,
      messaging: { destination: topics.orders, offset: sdkConsumer.messaging.offset },
    });
    expect(queued).toMatchObject({ parentSpanId: produced.spanId, depth: produced.depth + 1 });
    expect(sdkConsumer).toMatchObject({
      parentSpanId: sdkProducer.spanId,
      status: { code: 'error' },
    });
    // The dead letter kept the order's traceparent and names it in its Spring headers.
    expect(dead).toMatchObject({
      parentSpanId: produced.spanId,
      status: { code: 'error' },
      messaging: { destination: topics.paymentsDlt, consumerGroup: groups.payments },
    });
    expect(timeline.correlationIds).toContain(correlationId);

    // Causal order: SDK produce → produced hop → queue wait; the consumer after its producer;
    // the dead letter after the record it failed on.
    const at = (span: TimelineSpan) => timeline.spans.indexOf(span);
    expect(at(sdkProducer)).toBeLessThan(at(produced));
    expect(at(produced)).toBeLessThan(at(queued));
    expect(at(sdkProducer)).toBeLessThan(at(sdkConsumer));
    expect(at(produced)).toBeLessThan(at(dead));

    // Queue waits from both sources; the hop's is the time until the group's commit passed.
    expect(timeline.queueWaits).toContainEqual({
      from: produced.spanId,
      to: queued.spanId,
      waitMs: queued.durationMs,
      topic: topics.orders,
    });
    expect(queued.durationMs).toBeGreaterThan(0);
    expect(timeline.queueWaits.some((w) => w.to === sdkConsumer.spanId)).toBe(true);
    // The DLQ detour holds the SDK's send and the dead-lettered hop.
    const dlq = timeline.segments.find((s) => s.kind === 'dlq');
    expect(dlq?.label).toBe(topics.paymentsDlt);
    expect(dlq?.spanIds).toEqual(expect.arrayContaining([sdkDeadLetter.spanId, dead.spanId]));
  });
});
