/**
 * The demo's faults, turned up so a short run shows each: undecodable and refused orders in the
 * Spring DLT, Connect-style dead letters (some binary) pointing at their shipments, oversized
 * orders, and shipping's slow phases coming and going.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { connectDlqHeaders, springDltHeaders, traceHeaders } from '@eventscope/shared';
import { startDemo, type DemoHandle } from './index';
import { headerString, recordTopics, startOtlpSink, type RecordedMessage } from './test-support';

const kafka = createTestKafka(inject('kafkaBrokers'));
const eventually = { timeout: 30_000, interval: 100 };
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(value: Buffer | null): boolean {
  try {
    utf8.decode(value ?? Buffer.alloc(0));
    return true;
  } catch {
    return false;
  }
}

describe('demo faults', () => {
  const prefix = `${uniqueName('faults')}.`;
  let otlp: Awaited<ReturnType<typeof startOtlpSink>>;
  let recorder: Awaited<ReturnType<typeof recordTopics>>;
  let demo: DemoHandle;

  beforeAll(async () => {
    otlp = await startOtlpSink();
    demo = await startDemo({
      brokers: inject('kafkaBrokers'),
      apiUrl: otlp.url,
      ordersPerSecond: 2,
      poisonRatio: 0.5,
      binaryRatio: 0.5,
      connectDlqRatio: 0.5,
      oversizedRatio: 0.2,
      slowShippingEvery: 1_500,
      slowShippingFor: 500,
      slowShippingDelayMs: 20,
      topicPrefix: prefix,
      groupPrefix: prefix,
    });
    recorder = await recordTopics(kafka, Object.values(demo.topics));
    await demo.burst(80);
  });

  afterAll(async () => {
    await demo.stop();
    await recorder.stop();
    await otlp.close();
  });

  const recorded = (topic: string): RecordedMessage[] =>
    recorder.records.filter((r) => r.topic === topic);

  it('dead-letters undecodable orders as DeserializationException with their binary value', async () => {
    const deserialization = (): RecordedMessage[] =>
      recorded(demo.topics.paymentsDlt).filter(
        (r) =>
          headerString(r, springDltHeaders.exceptionClass) ===
          'org.springframework.kafka.support.serializer.DeserializationException',
      );
    await expect.poll(() => deserialization().length, eventually).toBeGreaterThan(0);
    for (const letter of deserialization()) {
      expect(isUtf8(letter.message.value)).toBe(false);
      expect(headerString(letter, springDltHeaders.exceptionCauseClass)).toBe(
        'com.fasterxml.jackson.core.JsonParseException',
      );
    }
    await expect
      .poll(
        () =>
          recorded(demo.topics.paymentsDlt).some((r) =>
            headerString(r, springDltHeaders.exceptionClass)?.startsWith('com.shop.'),
          ),
        eventually,
      )
      .toBe(true);
  });

  it('dead-letters shipments Connect-style, pointing at the shipment record', async () => {
    await expect.poll(() => recorded(demo.topics.connectDlq).length, eventually).toBeGreaterThan(3);
    await expect
      .poll(
        () => recorded(demo.topics.connectDlq).some((r) => !isUtf8(r.message.value)),
        eventually,
      )
      .toBe(true);
    const shipmentOf = (letter: RecordedMessage): RecordedMessage | undefined =>
      recorded(demo.topics.shipments).find(
        (r) =>
          String(r.partition) === headerString(letter, connectDlqHeaders.partition) &&
          r.message.offset === headerString(letter, connectDlqHeaders.offset),
      );
    const letters = recorded(demo.topics.connectDlq);
    await expect
      .poll(() => letters.every((l) => shipmentOf(l) !== undefined), eventually)
      .toBe(true);
    for (const letter of letters) {
      expect(headerString(letter, connectDlqHeaders.topic)).toBe(demo.topics.shipments);
      expect(headerString(letter, connectDlqHeaders.partition)).toMatch(/^\d+$/);
      expect(headerString(letter, connectDlqHeaders.offset)).toMatch(/^\d+$/);
      expect(headerString(letter, connectDlqHeaders.connectorName)).toBe('warehouse-jdbc-sink');
      expect(headerString(letter, connectDlqHeaders.exceptionClass)).toMatch(
        /^org\.apache\.kafka\.connect\.errors\./,
      );
      expect(headerString(letter, connectDlqHeaders.exceptionStacktrace)).toContain('\n\tat ');
      const shipment = shipmentOf(letter);
      if (!shipment) throw new Error('shipment not recorded');
      expect(letter.message.value).toEqual(shipment.message.value);
      expect(letter.message.key).toEqual(shipment.message.key);
      // Connect keeps the record's own headers: the shipment's trace context goes along.
      expect(headerString(letter, traceHeaders.traceparent)).toBe(
        headerString(shipment, traceHeaders.traceparent),
      );
      expect(headerString(letter, traceHeaders.traceparent)).toBeDefined();
    }
  });

  it('produces oversized orders that the payments service still consumes', async () => {
    const oversized = (): RecordedMessage[] =>
      recorded(demo.topics.orders).filter((r) => (r.message.value?.length ?? 0) > 256 * 1024);
    await expect.poll(() => oversized().length, eventually).toBeGreaterThan(0);
    expect(demo.status().oversizedOrders).toBeGreaterThan(0);
    const produced = demo.status().produced.orders;
    await expect
      .poll(() => demo.status().consumed.payments, eventually)
      .toBeGreaterThanOrEqual(produced);
  });

  it('slows shipping down now and then, and recovers', async () => {
    await expect.poll(() => demo.status().slowShipping, eventually).toBe(true);
    await expect.poll(() => demo.status().slowShipping, eventually).toBe(false);
  });
});
