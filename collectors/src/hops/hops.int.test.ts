/**
 * Hop spans on a real broker: the sampler's hop tap reads records that carry a correlation id,
 * derives their produced hops, and closes a queued hop per group once the group's commit
 * passes the record. The tap reads incrementally, bounded, and resumes exactly where it stopped.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { hopAttributes, hopKindOf, SpanSchema, type Span } from '@eventscope/shared';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { TAP_GROUP_PREFIX } from '../kafka/record-reader';
import { silentLogger } from '../logger';
import { createSampler, type Sampler } from '../sampler';
import { commitOffsets, createTopic, produce, testCluster } from '../testing/int-helpers';
import { correlationTraceId } from './ids';
import { createHopTap, type HopTap, type LogOffsets } from './hop-tap';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const admin = kafka.admin();
const samplers: Sampler[] = [];
const taps: HopTap[] = [];

beforeAll(() => admin.connect());
afterAll(async () => {
  await Promise.all(samplers.map((s) => s.stop()));
  await Promise.all(taps.map((t) => t.disconnect()));
  await admin.disconnect();
});

const ofKind = (spans: readonly Span[], kind: string) => spans.filter((s) => hopKindOf(s) === kind);

async function logOffsets(topic: string): Promise<LogOffsets> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map([
    [topic, new Map(offsets.map((o) => [o.partition, { start: o.low, end: o.high }]))],
  ]);
}

describe('hop spans through the sampler', () => {
  it('derives produced hops and a queued hop per group when its commit passes', async () => {
    const topic = await createTopic(admin, 'hops', 2);
    const group = uniqueName('hops-group');
    const spans: Span[] = [];
    const sampler = createSampler(testCluster(brokers), {
      intervalMs: 300,
      logger: silentLogger,
      onSnapshot: () => undefined,
      hopTopics: (topics) => topics.filter((t) => t === topic),
      onSpans: (batch) => {
        spans.push(...batch.map((s) => SpanSchema.parse(s)));
      },
    });
    samplers.push(sampler);
    // The first sample places the tap at the log end; what follows is read from there.
    await sampler.sampleOnce();
    await produce(kafka, topic, 4, 2, { headers: { 'Correlation-ID': Buffer.from('order-1') } });
    await produce(kafka, topic, 2, 2); // no trace context, no correlation id: no hops
    await vi.waitFor(
      async () => {
        await sampler.sampleOnce();
        expect(ofKind(spans, 'produced')).toHaveLength(4);
      },
      { timeout: 20_000, interval: 200 },
    );
    const produced = ofKind(spans, 'produced');
    expect(new Set(produced.map((s) => s.traceId))).toEqual(
      new Set([correlationTraceId('order-1')]),
    );
    expect(produced.map((s) => `${s.messaging.partition}/${s.messaging.offset}`).sort()).toEqual([
      '0/0',
      '0/1',
      '1/0',
      '1/1',
    ]);
    expect(ofKind(spans, 'queued')).toEqual([]);

    // The group consumed partition 0 up to offset 1 (exclusive) and all of partition 1.
    await commitOffsets(kafka, group, topic, { 0: '1', 1: '3' });
    await vi.waitFor(
      async () => {
        const snapshot = await sampler.sampleOnce();
        expect(snapshot.groups.some((g) => g.group.startsWith(TAP_GROUP_PREFIX))).toBe(false);
        expect(ofKind(spans, 'queued')).toHaveLength(3);
      },
      { timeout: 20_000, interval: 200 },
    );
    await commitOffsets(kafka, group, topic, { 0: '3' });
    await vi.waitFor(
      async () => {
        await sampler.sampleOnce();
        expect(ofKind(spans, 'queued')).toHaveLength(4);
      },
      { timeout: 20_000, interval: 200 },
    );
    // Two more samples: nothing is emitted twice.
    await sampler.sampleOnce();
    await sampler.sampleOnce();
    const queued = ofKind(spans, 'queued');
    expect(queued).toHaveLength(4);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    const producedIds = new Set(produced.map((s) => s.spanId));
    for (const hop of queued) {
      expect(producedIds.has(hop.parentSpanId ?? '')).toBe(true);
      expect(hop.messaging).toMatchObject({ consumerGroup: group, operation: 'receive' });
      expect(hop.durationMs).toBeGreaterThan(0);
      expect(hop.attributes[hopAttributes.resolutionMs]).toEqual(expect.any(Number));
      expect(hop.attributes[hopAttributes.sampleIntervalMs]).toBe(300);
    }
  });
});

describe('hop tap', () => {
  it('reads incrementally in bounded drains and resumes exactly where it stopped', async () => {
    const topic = await createTopic(admin, 'hop-tap', 1);
    const tap = createHopTap(kafka, {
      logger: silentLogger,
      name: uniqueName('t'),
      maxBuffered: 5,
    });
    taps.push(tap);
    await tap.watch([topic], await logOffsets(topic));
    const headers = { 'x-correlation-id': 'c' };
    await produce(kafka, topic, 23, 1, { headers });
    const offsets: string[] = [];
    let largestDrain = 0;
    await vi.waitFor(
      () => {
        const drained = tap.drain();
        largestDrain = Math.max(largestDrain, drained.length);
        offsets.push(...drained.map((f) => f.offset));
        expect(offsets.length).toBeGreaterThanOrEqual(23);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(offsets).toEqual(Array.from({ length: 23 }, (_, i) => String(i)));
    expect(largestDrain).toBe(5);

    // Leave the group, write more, join again: the next records exactly, none twice.
    await tap.disconnect();
    await produce(kafka, topic, 3, 1, { headers });
    await tap.watch([topic], await logOffsets(topic));
    const after: string[] = [];
    await vi.waitFor(
      () => {
        after.push(...tap.drain().map((f) => f.offset));
        expect(after.length).toBeGreaterThanOrEqual(3);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(after).toEqual(['23', '24', '25']);
    expect(tap.readCount()).toBe(26);
  });
});
