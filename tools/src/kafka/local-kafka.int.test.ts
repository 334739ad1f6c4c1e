import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKafka, isPortOpen, startKafka, uniqueName, type LocalKafka } from './index';

// A second broker of its own, so stopping it cannot disturb the suites using the harness broker.
describe('startKafka', () => {
  let dataDir: string;
  let broker: LocalKafka | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'eventscope-kafka-test-'));
  });

  afterAll(async () => {
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops without leaving a JVM, then restarts on the same port with its data', async () => {
    broker = await startKafka({ dataDir });
    const { port, controllerPort, pid } = broker;
    const topic = uniqueName('survives-restart');
    const before = createTestKafka(broker.brokers);
    const producer = before.producer();
    const admin = before.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await producer.send({ topic, messages: [{ partition: 1, value: 'kept' }] });
    await Promise.all([producer.disconnect(), admin.disconnect()]);

    await broker.stop();
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(await isPortOpen(port)).toBe(false);

    broker = await startKafka({ port, controllerPort, dataDir, reuseStorage: true });
    expect(broker.port).toBe(port);
    expect(broker.pid).not.toBe(pid);
    const after = createTestKafka(broker.brokers).admin();
    await after.connect();
    try {
      expect(await after.listTopics()).toContain(topic);
      const offsets = await after.fetchTopicOffsets(topic);
      expect(offsets.find((p) => p.partition === 1)?.high).toBe('1');
    } finally {
      await after.disconnect();
    }
  }, 90_000);

  it('refuses a port that is already taken, naming it', async () => {
    const taken = inject('kafkaPort');
    await expect(startKafka({ port: taken })).rejects.toThrow(`port ${taken} is already in use`);
  });
});
