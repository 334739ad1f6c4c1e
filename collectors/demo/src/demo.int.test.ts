/**
 * The demo shop on the harness broker: records flow orders → payments → shipments with CloudEvents,
 * correlation and trace headers; faults land in the dead-letter topics with decodable headers;
 * pausing a service stops its commits; spans reach an OTLP endpoint; stop() leaves nothing open.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import {
  cloudEventHeaders,
  correlationHeaders,
  springDltHeaders,
  traceHeaders,
} from '@eventscope/shared';
import { readInt32Header, readInt64Header, startDemo, type DemoHandle } from './index';
import {
  groupProgress,
  header,
  headerString,
  recordTopics,
  serviceNameBytes,
  startOtlpSink,
  type RecordedMessage,
} from './test-support';

const kafka = createTestKafka(inject('kafkaBrokers'));
const admin = kafka.admin();
const eventually = { timeout: 30_000, interval: 100 };
const traceparentPattern = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/;

const traceId = (record: RecordedMessage): string | undefined =>
  traceparentPattern.exec(headerString(record, traceHeaders.traceparent) ?? '')?.[1];
const correlationId = (record: RecordedMessage): string | undefined =>
  headerString(record, correlationHeaders[0]);
const activeSockets = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

describe('demo workload', () => {
  const prefix = `${uniqueName('demo')}.`;
  let otlp: Awaited<ReturnType<typeof startOtlpSink>>;
  let recorder: Awaited<ReturnType<typeof recordTopics>>;
  let demo: DemoHandle;
  let socketsBefore: number;

  beforeAll(async () => {
    otlp = await startOtlpSink();
    socketsBefore = activeSockets();
    demo = await startDemo({
      brokers: inject('kafkaBrokers'),
      apiUrl: otlp.url,
      ordersPerSecond: 20,
      poisonRatio: 0,
      connectDlqRatio: 0,
      oversizedRatio: 0,
      slowShippingEvery: 0,
      topicPrefix: prefix,
      groupPrefix: prefix,
      spanExportDelayMs: 200,
    });
    const { orders, payments, shipments, paymentsDlt } = demo.topics;
    recorder = await recordTopics(kafka, [orders, payments, shipments, paymentsDlt]);
  });

  afterAll(async () => {
    await demo.stop();
    await recorder.stop();
    await otlp.close();
  });

  const recorded = (topic: string): RecordedMessage[] =>
    recorder.records.filter((r) => r.topic === topic);

  it('creates the topics with their partitions and room for oversized events', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: Object.values(demo.topics) });
    const partitions = Object.fromEntries(
      metadata.topics.map((t) => [t.name, t.partitions.length]),
    );
    expect(partitions).toEqual({
      [`${prefix}orders`]: 3,
      [`${prefix}payments`]: 3,
      [`${prefix}shipments`]: 3,
      [`${prefix}payments-dlt`]: 3,
      [`${prefix}connect-dlq-shipments`]: 1,
    });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: demo.topics.orders, configNames: ['max.message.bytes'] }],
    });
    const maxBytes = configs.resources[0]?.configEntries[0]?.configValue;
    expect(Number(maxBytes)).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('carries each order through to a shipment with CloudEvents, correlation and trace headers', async () => {
    await expect.poll(() => recorded(demo.topics.shipments).length, eventually).toBeGreaterThan(10);
    const shipment = recorded(demo.topics.shipments)[0];
    if (!shipment) throw new Error('no shipment recorded');
    expect(headerString(shipment, cloudEventHeaders.specversion)).toBe('1.0');
    expect(headerString(shipment, cloudEventHeaders.type)).toBe('com.shop.shipment.created');
    expect(headerString(shipment, cloudEventHeaders.source)).toBe('/shop/shipping');
    expect(headerString(shipment, cloudEventHeaders.id)).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(headerString(shipment, cloudEventHeaders.time) ?? '')).not.toBeNaN();
    const id = correlationId(shipment);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headerString(shipment, 'ce_correlationid')).toBe(id);
    expect(traceId(shipment)).toBeDefined();

    // The same order upstream: same correlation id and, through the consumer spans, same trace.
    const order = recorded(demo.topics.orders).find((r) => correlationId(r) === id);
    const payment = recorded(demo.topics.payments).find((r) => correlationId(r) === id);
    if (!order || !payment) throw new Error(`order or payment of ${id} not recorded`);
    expect(order.message.key?.toString()).toBe(shipment.message.key?.toString());
    expect(headerString(order, cloudEventHeaders.type)).toBe('com.shop.order.placed');
    expect(headerString(payment, cloudEventHeaders.type)).toBe('com.shop.payment.authorized');
    expect(headerString(payment, 'ce_causationid')).toBe(headerString(order, cloudEventHeaders.id));
    expect(traceId(order)).toBeDefined();
    expect(traceId(payment)).toBe(traceId(order));
    expect(traceId(shipment)).toBe(traceId(order));
  });

  it('dead-letters exactly the poisoned payments with Spring headers pointing at the order', async () => {
    const dlt = demo.topics.paymentsDlt;
    expect(recorded(dlt)).toHaveLength(0);
    demo.poisonNext(2);
    await expect.poll(() => recorded(dlt).length, eventually).toBe(2);
    // Later orders are processed normally: still two dead letters once more orders went through.
    const consumed = demo.status().consumed.payments;
    await expect
      .poll(() => demo.status().consumed.payments, eventually)
      .toBeGreaterThan(consumed + 20);
    expect(recorded(dlt)).toHaveLength(2);
    expect(demo.status().deadLettered.payments).toBe(2);

    for (const letter of recorded(dlt)) {
      const originalTopic = headerString(letter, springDltHeaders.originalTopic);
      const partitionBytes = header(letter, springDltHeaders.originalPartition);
      const offsetBytes = header(letter, springDltHeaders.originalOffset);
      const timestampBytes = header(letter, springDltHeaders.originalTimestamp);
      if (!partitionBytes || !offsetBytes || !timestampBytes) throw new Error('missing header');
      expect(originalTopic).toBe(demo.topics.orders);
      expect(partitionBytes).toHaveLength(4);
      expect(offsetBytes).toHaveLength(8);
      expect(timestampBytes).toHaveLength(8);
      const partition = readInt32Header(partitionBytes);
      const offset = readInt64Header(offsetBytes).toString();
      expect(letter.partition).toBe(partition);
      expect(headerString(letter, springDltHeaders.originalConsumerGroup)).toBe(
        demo.groups.payments,
      );
      expect(headerString(letter, springDltHeaders.exceptionClass)).toMatch(
        /^(com\.shop\.|org\.springframework\.)[\w.]+Exception$/,
      );
      expect(headerString(letter, springDltHeaders.exceptionMessage)).toBeTruthy();
      expect(headerString(letter, springDltHeaders.exceptionStacktrace)).toContain('\n\tat ');

      const original = recorded(demo.topics.orders).find(
        (r) => r.partition === partition && r.message.offset === offset,
      );
      if (!original) throw new Error(`order ${partition}/${offset} not recorded`);
      expect(readInt64Header(timestampBytes).toString()).toBe(original.message.timestamp);
      expect(letter.message.key).toEqual(original.message.key);
      expect(letter.message.value).toEqual(original.message.value);
      // Original headers are kept verbatim, traceparent and correlation id included.
      for (const name of [traceHeaders.traceparent, correlationHeaders[0], cloudEventHeaders.id]) {
        expect(headerString(letter, name)).toBe(headerString(original, name));
      }
    }
  });

  it('pausing shipping freezes its committed offsets while orders keep flowing; resume catches up', async () => {
    const { shipping: group } = demo.groups;
    const topic = demo.topics.payments;
    await expect
      .poll(async () => (await groupProgress(admin, group, topic)).committed, eventually)
      .toBeGreaterThan(0);

    await demo.pause('shipping');
    expect(demo.status().paused).toEqual(['shipping']);
    // Progress-based waits: let payments publish more, twice, and compare the commits in between.
    const waitForPayments = async (more: number): Promise<void> => {
      const start = (await groupProgress(admin, group, topic)).end;
      await expect
        .poll(async () => (await groupProgress(admin, group, topic)).end, eventually)
        .toBeGreaterThanOrEqual(start + more);
    };
    await waitForPayments(20);
    const frozen = await groupProgress(admin, group, topic);
    const consumed = demo.status().consumed.shipping;
    const orders = demo.status().produced.orders;
    await waitForPayments(30);
    const later = await groupProgress(admin, group, topic);
    expect(later.byPartition).toEqual(
      Object.fromEntries(
        Object.entries(frozen.byPartition).map(([p, [committed]]) => [
          p,
          [committed, later.byPartition[Number(p)]?.[1]],
        ]),
      ),
    );
    expect(later.end - later.committed).toBeGreaterThanOrEqual(30);
    expect(demo.status().consumed.shipping).toBe(consumed);
    expect(demo.status().produced.orders).toBeGreaterThan(orders);

    await demo.resume('shipping');
    expect(demo.status().paused).toEqual([]);
    await expect
      .poll(async () => (await groupProgress(admin, group, topic)).committed, eventually)
      .toBeGreaterThanOrEqual(later.end);
  });

  it('exports spans per service over OTLP/HTTP protobuf', async () => {
    const bodiesOf = (service: string): Buffer =>
      Buffer.concat(
        otlp.requests.filter((r) => r.body.includes(serviceNameBytes(service))).map((r) => r.body),
      );
    await expect
      .poll(() => bodiesOf('shipping').includes(`process ${demo.topics.payments}`), eventually)
      .toBe(true);
    expect(otlp.requests.length).toBeGreaterThan(0);
    for (const request of otlp.requests) {
      expect(request.contentType).toBe('application/x-protobuf');
      expect(request.body.length).toBeGreaterThan(0);
    }
    // Each service's spans, including the consumer spans the instrumentation starts, carry its name.
    expect(bodiesOf('order-generator').includes(`send ${demo.topics.orders}`)).toBe(true);
    expect(bodiesOf('payments').includes(`process ${demo.topics.orders}`)).toBe(true);
    expect(bodiesOf('payments').includes(`send ${demo.topics.payments}`)).toBe(true);
    expect(bodiesOf('payments').includes(`send ${demo.topics.paymentsDlt}`)).toBe(true);
    expect(bodiesOf('shipping').includes(`send ${demo.topics.shipments}`)).toBe(true);
    expect(bodiesOf('order-generator').includes(`process ${demo.topics.orders}`)).toBe(false);
  });

  it('stops cleanly: groups empty, no sockets left, controls refused', async () => {
    await demo.stop();
    await demo.stop();
    expect(demo.status().running).toBe(false);
    const { groups } = await admin.describeGroups([demo.groups.payments, demo.groups.shipping]);
    for (const group of groups) {
      expect(group.members).toEqual([]);
      expect(group.state).toBe('Empty');
    }
    // What remains is the suite's own: once its recorder and OTLP sink close, only the admin is left.
    await recorder.stop();
    await otlp.close();
    await expect.poll(activeSockets, eventually).toBeLessThanOrEqual(socketsBefore);
    expect(() => demo.poisonNext(1)).toThrow('stopped');
  });
});
