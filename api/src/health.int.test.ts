import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema, parseConfig, type Health } from '@eventscope/shared';
import { startKafka, type LocalKafka } from '@eventscope/tools/kafka';
import { scratchDirs } from '@eventscope/tools/scratch';
import { startApp, type RunningApp } from './app';

// A broker of its own: this suite stops it, so it must not be the shared test broker.
const scratch = scratchDirs();
let kafka: LocalKafka;
let app: RunningApp;

async function health(): Promise<Health> {
  const res = await fetch(`${app.url}/api/health`);
  return HealthSchema.parse(await res.json());
}

async function waitForHealth(
  predicate: (h: Health) => boolean,
  timeoutMs: number,
): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last = await health();
  while (!predicate(last)) {
    if (Date.now() > deadline)
      throw new Error(`health never matched; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await health();
  }
  return last;
}

beforeAll(async () => {
  kafka = await startKafka();
  const parsed = parseConfig({
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_CLUSTER: 'health-test',
    KAFKA_REQUEST_TIMEOUT_MS: '2000',
    EVENTSCOPE_PORT: '0',
    EVENTSCOPE_HOST: '127.0.0.1',
    EVENTSCOPE_SAMPLE_INTERVAL_MS: '500',
    EVENTSCOPE_LOG_LEVEL: 'silent',
    EVENTSCOPE_DATA_DIR: scratch.make('es-health-'),
  });
  if (!parsed.ok) throw new Error(parsed.message);
  app = await startApp(parsed.config);
});

afterAll(async () => {
  await app?.stop();
  await kafka?.stop();
  await scratch.remove();
});

describe('/api/health on a real broker and PGlite', () => {
  it('reports the broker reachable and the store up', async () => {
    const h = await waitForHealth((x) => x.clusters[0]?.reachable === true, 15_000);
    expect(h).toMatchObject({ status: 'ok', store: { engine: 'pglite', status: 'up' } });
    expect(h.clusters[0]).toMatchObject({ id: 'health-test', brokersUp: 1 });
  });

  it('reports a stopped broker as down and recovers by itself when it returns', async () => {
    const { port, controllerPort, dataDir } = kafka;
    await kafka.stop();
    const down = await waitForHealth((x) => x.clusters[0]?.reachable === false, 15_000);
    expect(down.status).toBe('degraded');
    expect(down.clusters[0]?.brokersUp).toBeNull();

    kafka = await startKafka({ port, controllerPort, dataDir, reuseStorage: true });
    const back = await waitForHealth((x) => x.clusters[0]?.reachable === true, 30_000);
    expect(back.status).toBe('ok');
  });
});
