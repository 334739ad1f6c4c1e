import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, HealthSchema, type ClusterHealth } from '@eventscope/shared';
import { scratchDirs } from '@eventscope/tools/scratch';
import { createEventBus } from '../domain/events';
import { createMasker } from '../domain/masking';
import { defaultMaskingConfig } from '@eventscope/shared';
import { createLatestSnapshots } from '../domain/lag/latest';
import { openStore, type Store } from '../store';
import { createNotificationCenter } from '../notify';
import { createAlertEngine } from '../alerts/engine';
import { createNoopNotificationCenter } from '../alerts/noop-notifications';
import { createReplayService } from '../replay';
import { createSpanIngest } from '../traces';
import { createServer, type ServerDeps } from './server';

const scratch = scratchDirs();
let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: scratch.make('es-server-') });
});
afterAll(async () => {
  await store.close();
  await scratch.remove();
});

const reachable: ClusterHealth = {
  id: 'local',
  brokers: ['127.0.0.1:9092'],
  reachable: true,
  latencyMs: 3,
  brokersUp: 1,
  checkedAt: '2026-11-25T00:00:00.000Z',
};

function deps(overrides: Partial<ServerDeps> = {}): ServerDeps {
  const webDir = scratch.make('es-web-');
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Eventscope</title>');
  const latest = createLatestSnapshots();
  const logger = pino({ level: 'silent' });
  const events = createEventBus();
  return {
    logger,
    events,
    store,
    spans: createSpanIngest(store.db),
    latest,
    recorder: { record: async (snapshot) => latest.set(snapshot) },
    retention: { rawHours: 6 },
    sampleIntervalMs: 5000,
    demo: {},
    masker: createMasker(defaultMaskingConfig),
    clusters: [{ current: () => reachable }],
    version: '0.1.0',
    startedAt: new Date('2026-11-25T00:00:00Z'),
    webDir,
    // Not started: these tests never reach the outbox worker.
    notifications: createNotificationCenter({
      db: store.db,
      logger,
      events,
      publicUrl: 'http://eventscope.test',
      version: '0.1.0',
    }),
    // Not started either: nothing here records a snapshot.
    alerts: createAlertEngine({
      db: store.db,
      notifications: createNoopNotificationCenter(),
      events,
      logger,
      sampleIntervalMs: 5000,
    }),
    // Not started: no Kafka cluster is configured here.
    replays: createReplayService({
      store,
      logger,
      events,
      masker: createMasker(defaultMaskingConfig),
      clusters: [],
      maxRate: 100_000,
    }),
    ...overrides,
  };
}

describe('GET /api/health', () => {
  it('reports store and clusters up', async () => {
    const res = await request(createServer(deps())).get('/api/health').expect(200);
    const health = HealthSchema.parse(res.body);
    expect(health).toMatchObject({ status: 'ok', store: { engine: 'pglite', status: 'up' } });
    expect(health.clusters[0]).toMatchObject({ id: 'local', reachable: true, brokersUp: 1 });
  });

  it('reports an unreachable broker and a failing store as degraded', async () => {
    const down = {
      ...reachable,
      reachable: false,
      latencyMs: null,
      brokersUp: null,
      error: 'Connection error',
    };
    const res = await request(
      createServer(
        deps({
          clusters: [{ current: () => down }],
          store: { ...store, ping: () => Promise.reject(new Error('connection refused')) },
        }),
      ),
    ).get('/api/health');
    const health = HealthSchema.parse(res.body);
    expect(health.status).toBe('degraded');
    expect(health.store).toMatchObject({
      engine: 'pglite',
      status: 'down',
      error: 'connection refused',
    });
    expect(health.clusters[0]?.reachable).toBe(false);
  });
});

describe('errors', () => {
  it('answers an unknown api path with the error shape and 404', async () => {
    const res = await request(createServer(deps())).get('/api/nope').expect(404);
    expect(ApiErrorSchema.parse(res.body).error.code).toBe('not_found');
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await request(createServer(deps()))
      .post('/api/session')
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(ApiErrorSchema.parse(res.body).error).toMatchObject({ code: 'bad_request' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await request(createServer(deps()))
      .post('/api/session')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ big: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(ApiErrorSchema.parse(res.body).error.code).toBe('payload_too_large');
  });

  it('keeps a well-formed caller request id and replaces a hostile one', async () => {
    const app = createServer(deps());
    const kept = await request(app).get('/api/nope').set('x-request-id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(app).get('/api/nope').set('x-request-id', '<script>');
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });
});

describe('web app', () => {
  it('serves index.html for deep links with a strict CSP', async () => {
    const res = await request(createServer(deps()))
      .get('/groups/local/payments?range=1h')
      .expect(200);
    expect(res.text).toContain('<title>Eventscope</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('says how to build the SPA when it is missing', async () => {
    const res = await request(createServer(deps({ webDir: '/nonexistent' })))
      .get('/')
      .expect(503);
    expect(res.text).toContain('npm run build');
  });
});

describe('GET /api/stream', () => {
  it('streams published events as server-sent events and unsubscribes on close', async () => {
    const events = createEventBus();
    const server = createServer(deps({ events, anonymousRead: true })).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const controller = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${address.port}/api/stream`, {
        signal: controller.signal,
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      if (!res.body) throw new Error('no body');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let text = decoder.decode((await reader.read()).value);
      expect(text).toContain('retry: 3000');
      expect(events.listenerCount).toBe(1);
      events.publish({ type: 'cluster-health', keys: [['health']] });
      while (!text.includes('data: ')) text += decoder.decode((await reader.read()).value);
      expect(text).toContain('data: {"type":"cluster-health","keys":[["health"]]}');
      controller.abort();
      const deadline = Date.now() + 5000;
      while (events.listenerCount > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(events.listenerCount).toBe(0);
    } finally {
      controller.abort();
      server.closeAllConnections();
      server.close();
    }
  });
});
