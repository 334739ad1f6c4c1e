import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotifierInputSchema, type Delivery } from '@eventscope/shared';
import { createEventBus } from '../domain/events';
import type { Store } from '../store';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { createNotificationCenter, type Notifications } from './center';
import { startTestReceiver, until, type TestReceiver } from './test-receiver';
import type { NotifiableAlert } from './types';

/**
 * "Never lost": the outbox worker against real HTTP receivers that refuse, fail, throttle,
 * reject and disappear.
 */
const admin = { kind: 'token', id: 'seed', name: 'seed', role: 'admin' } as const;

const lagAlert = (group: string): NotifiableAlert => ({
  fingerprint: `fp-${group}`,
  status: 'firing',
  severity: 'critical',
  labels: { alertname: 'ConsumerLagHigh', cluster: 'local', group },
  annotations: { summary: `${group} is behind` },
  startsAt: new Date().toISOString(),
  endsAt: null,
  path: `/groups/local/${group}`,
  silenced: false,
  inhibited: false,
  acknowledged: false,
});

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const centers: Notifications[] = [];
const receivers: TestReceiver[] = [];
afterEach(async () => {
  await Promise.all(centers.splice(0).map((c) => c.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

function center(
  store: Store,
  options: { maxAgeMs?: number; concurrency?: number } = {},
): Notifications {
  const c = createNotificationCenter({
    db: store.db,
    logger: pino({ level: 'silent' }),
    events: createEventBus(),
    publicUrl: 'http://localhost:8080',
    version: 'test',
    tickMs: 100,
    pollMs: 100,
    timeoutMs: 2000,
    backoff: { baseMs: 200, capMs: 2000 },
    ...options,
  });
  centers.push(c);
  return c;
}

async function receiver(...args: Parameters<typeof startTestReceiver>): Promise<TestReceiver> {
  const r = await startTestReceiver(...args);
  receivers.push(r);
  return r;
}

async function notifier(c: Notifications, url: string) {
  const created = await c.createNotifier(
    admin,
    NotifierInputSchema.parse({ name: 'hook', type: 'webhook', url, groupWaitSeconds: 0 }),
  );
  if (!created.secret) throw new Error('secret expected');
  return { id: created.id, secret: created.secret };
}

async function settled(c: Notifications, notifierId: string, count = 1): Promise<Delivery[]> {
  return until(
    async () => {
      const list = await c.listDeliveries(admin, notifierId, { limit: 100 });
      return list.length >= count && list.every((d) => d.status !== 'pending') ? list : undefined;
    },
    60_000,
    'deliveries settled',
  );
}

describe.each(engines)('delivery on $engine', ({ target }) => {
  const store = storePerTest(() => target());

  it(
    'receiver refusing connections, then answering 503, for 30 s → delivered once it is back, one webhook-id throughout',
    { timeout: 90_000 },
    async () => {
      // Refused first: the port is known but nothing listens on it.
      const down = await receiver({ listening: false });
      const startedAt = Date.now();
      down.respond = () => ({ status: Date.now() - startedAt < 30_000 ? 503 : 200 });
      const c = center(store());
      const { id, secret } = await notifier(c, down.url);
      c.start();
      await store().db.transaction((tx) => c.onAlerts(tx, [lagAlert('payments')], new Date()));

      // Connection refused for 10 s, then 503s until 30 s after the start, then 200.
      await until(() => (Date.now() - startedAt > 10_000 ? true : undefined), 15_000);
      await down.listen();
      const [delivery] = await settled(c, id);
      if (!delivery) throw new Error('unreachable');
      expect(delivery.status).toBe('delivered');

      const log = delivery.attemptLog ?? [];
      expect(log.length).toBe(delivery.attempts);
      expect(log.some((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? ''))).toBe(
        true,
      );
      expect(log.some((a) => a.statusCode === 503)).toBe(true);
      expect(log.at(-1)).toMatchObject({ statusCode: 200, error: null });

      // Every request the receiver saw carried the same webhook-id and a valid signature.
      const ids = new Set(down.received.map((r) => r.headers['webhook-id']));
      expect([...ids]).toEqual([delivery.webhookId]);
      for (const r of down.received) new Webhook(secret).verify(r.body, r.headers);
      expect(down.received.filter((r) => r.status === 200)).toHaveLength(1);
      expect(down.received.length).toBe(log.filter((a) => a.statusCode !== null).length);
    },
  );

  it('429 with Retry-After: the next attempt waits at least that long', async () => {
    const r = await receiver({
      respond: (_req, n) =>
        n === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 204 },
    });
    const c = center(store());
    const { id } = await notifier(c, r.url);
    c.start();
    await store().db.transaction((tx) => c.onAlerts(tx, [lagAlert('orders')], new Date()));
    const [delivery] = await settled(c, id);
    const [first, second] = r.received;
    if (!first || !second) throw new Error('two attempts expected');
    expect(second.at - first.at).toBeGreaterThanOrEqual(2000);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204 });
  });

  it('400 → failed without a retry', async () => {
    const r = await receiver({ respond: () => ({ status: 400 }) });
    const c = center(store());
    const { id } = await notifier(c, r.url);
    c.start();
    await store().db.transaction((tx) => c.onAlerts(tx, [lagAlert('orders')], new Date()));
    const [delivery] = await settled(c, id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: 400,
      nextAttemptAt: null,
    });
    expect(r.received).toHaveLength(1);
    // A due-check finds nothing left to send.
    expect(await c.deliverDue()).toBe(0);
  });

  it('410 Gone → the notifier is disabled with a reason and its pending deliveries die', async () => {
    const r = await receiver({ respond: () => ({ status: 410 }) });
    const c = center(store(), { concurrency: 1 });
    const { id } = await notifier(c, r.url);
    // Two notifications queued before the worker runs: the first meets the 410.
    await store().db.transaction((tx) => c.onAlerts(tx, [lagAlert('a')], new Date()));
    await store().db.transaction((tx) =>
      c.onAlerts(
        tx,
        [{ ...lagAlert('b'), labels: { alertname: 'Other', group: 'b' } }],
        new Date(),
      ),
    );
    c.start();
    const list = await settled(c, id, 2);
    expect(list.map((d) => d.status).sort()).toEqual(['dead', 'dead']);
    expect(r.received).toHaveLength(1);
    const disabled = await c.getNotifier(admin, id);
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/410 Gone/);
    const groups = await store().db.query('SELECT 1 FROM notification_groups');
    expect(groups.rows).toEqual([]);
  });

  it('gives up (dead) after the maximum delivery age', async () => {
    const down = await receiver({ listening: false });
    const c = center(store(), { maxAgeMs: 1500 });
    const { id } = await notifier(c, down.url);
    c.start();
    await store().db.transaction((tx) => c.onAlerts(tx, [lagAlert('orders')], new Date()));
    const [delivery] = await settled(c, id);
    expect(delivery?.status).toBe('dead');
    expect(delivery?.lastError).toMatch(/gave up/);
  });
});

describe('several workers on one PostgreSQL', () => {
  const postgres = engines.find((e) => e.engine === 'postgres');
  if (!postgres) throw new Error('the postgres engine is always listed');
  const store = storePerTest(() => postgres.target());

  it('deliver each notification exactly once', async () => {
    const r = await receiver();
    const a = center(store());
    const b = center(store());
    const { id } = await notifier(a, r.url);
    for (let i = 0; i < 20; i += 1) {
      await store().db.transaction((tx) =>
        a.onAlerts(
          tx,
          [{ ...lagAlert(`g${i}`), labels: { alertname: `Lag${i}`, group: `g${i}` } }],
          new Date(),
        ),
      );
    }
    a.start();
    b.start();
    const list = await settled(a, id, 20);
    expect(list.every((d) => d.status === 'delivered')).toBe(true);
    const ids = r.received.map((x) => x.headers['webhook-id']);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });
});
