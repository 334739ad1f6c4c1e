import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NotifierInput } from '@eventscope/shared';
import { NotifierInputSchema } from '@eventscope/shared';
import { createEventBus } from '../domain/events';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { createNotificationCenter, type Notifications } from './center';
import { startTestReceiver, until, type TestReceiver } from './test-receiver';
import type { NotifiableAlert } from './types';

/**
 * Alertmanager's grouping and timing, end to end: alerts go in through onAlerts inside a real
 * store transaction, notifications come out at a real HTTP receiver on 127.0.0.1.
 */
const admin = { kind: 'token', id: 'seed', name: 'seed', role: 'admin' } as const;
const tickMs = 100;

const AlertmanagerV4 = z.strictObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: z.record(z.string(), z.string()),
  commonLabels: z.record(z.string(), z.string()),
  commonAnnotations: z.record(z.string(), z.string()),
  externalURL: z.string(),
  alerts: z.array(
    z.strictObject({
      status: z.enum(['firing', 'resolved']),
      labels: z.record(z.string(), z.string()),
      annotations: z.record(z.string(), z.string()),
      startsAt: z.string(),
      endsAt: z.string(),
      generatorURL: z.string(),
      fingerprint: z.string(),
    }),
  ),
});

function alert(group: string, patch: Partial<NotifiableAlert> = {}): NotifiableAlert {
  return {
    fingerprint: `fp-${group}`,
    status: 'firing',
    severity: 'critical',
    labels: { alertname: 'ConsumerLagHigh', severity: 'critical', cluster: 'local', group },
    annotations: { summary: `${group} is 90 s behind` },
    startsAt: new Date().toISOString(),
    endsAt: null,
    path: `/groups/local/${group}`,
    silenced: false,
    inhibited: false,
    acknowledged: false,
    ...patch,
  };
}

const resolve = (a: NotifiableAlert): NotifiableAlert => ({
  ...a,
  status: 'resolved',
  endsAt: new Date().toISOString(),
});

beforeAll(prepareTemplates);
afterAll(removeTemplates);

describe.each(engines)('notification grouping and timing on $engine', ({ target }) => {
  const store = storePerTest(() => target());
  let center: Notifications | undefined;
  let receiver: TestReceiver | undefined;
  afterEach(async () => {
    await center?.stop();
    await receiver?.close();
    center = undefined;
  });

  async function setUp(route: Partial<NotifierInput>) {
    receiver = await startTestReceiver();
    center = createNotificationCenter({
      db: store().db,
      logger: pino({ level: 'silent' }),
      events: createEventBus(),
      publicUrl: 'https://eventscope.example.com',
      version: 'test',
      tickMs,
      pollMs: 100,
      backoff: { baseMs: 100, capMs: 500 },
    });
    const created = await center.createNotifier(
      admin,
      NotifierInputSchema.parse({ name: 'on-call', type: 'webhook', url: receiver.url, ...route }),
    );
    center.start();
    if (!created.secret) throw new Error('a generated secret is returned once');
    return { center, receiver, secret: created.secret, notifierId: created.id };
  }

  const feed = (c: Notifications, alerts: NotifiableAlert[]) =>
    store().db.transaction((tx) => c.onAlerts(tx, alerts, new Date()));

  const groupRow = async () =>
    (
      await store().db.query<{ next_flush_at: Date; last_notified_at: Date | null }>(
        'SELECT next_flush_at, last_notified_at FROM notification_groups',
      )
    ).rows[0];

  const deliveries = async () =>
    (
      await store().db.query<{ created_at: Date; status: string; kind: string }>(
        'SELECT created_at, status, kind FROM notification_deliveries ORDER BY seq',
      )
    ).rows;

  it('firing → one signed Alertmanager v4 webhook after group_wait; resolved → one resolved webhook', async () => {
    const { center, receiver, secret } = await setUp({
      groupWaitSeconds: 1,
      groupIntervalSeconds: 1,
    });
    const lag = alert('payments');
    await feed(center, [lag]);
    const [first] = await receiver.waitFor(1);
    if (!first) throw new Error('unreachable');
    // The receiver verifies the Standard Webhooks signature with the secret it was given.
    const verified = AlertmanagerV4.parse(new Webhook(secret).verify(first.body, first.headers));
    expect(first.headers['webhook-id']).toMatch(/^msg_/);
    expect(first.headers['webhook-signature']).toMatch(/^v1,/);
    expect(verified).toMatchObject({
      status: 'firing',
      receiver: 'on-call',
      groupLabels: { alertname: 'ConsumerLagHigh', cluster: 'local' },
      commonLabels: { alertname: 'ConsumerLagHigh', cluster: 'local', group: 'payments' },
      externalURL: 'https://eventscope.example.com',
      truncatedAlerts: 0,
    });
    expect(verified.groupKey).toBe('{}:{alertname="ConsumerLagHigh", cluster="local"}');
    expect(verified.alerts).toEqual([
      expect.objectContaining({
        status: 'firing',
        fingerprint: 'fp-payments',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'https://eventscope.example.com/groups/local/payments',
        annotations: { summary: 'payments is 90 s behind' },
      }),
    ]);

    // Still firing on the next evaluations: nothing new to say.
    await feed(center, [lag]);
    await feed(center, [resolve(lag)]);
    const [, second] = await receiver.waitFor(2);
    if (!second) throw new Error('unreachable');
    const resolved = AlertmanagerV4.parse(new Webhook(secret).verify(second.body, second.headers));
    expect(resolved.status).toBe('resolved');
    expect(resolved.alerts.map((a) => [a.status, a.fingerprint])).toEqual([
      ['resolved', 'fp-payments'],
    ]);
    expect(second.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    // The group is gone and nothing else is queued: exactly two notifications. The worker
    // records a delivery once the receiver has answered, a moment after the receiver saw it.
    await until(async () => ((await groupRow()) ? undefined : true), 10_000, 'group removed');
    const settled = await until(
      async () => {
        const all = await deliveries();
        return all.some((d) => d.status === 'pending') ? undefined : all;
      },
      10_000,
      'deliveries recorded',
    );
    expect(settled.map((d) => [d.kind, d.status])).toEqual([
      ['firing', 'delivered'],
      ['resolved', 'delivered'],
    ]);
    expect(receiver.received).toHaveLength(2);
  });

  it('a group that fires and resolves within group_wait sends nothing', async () => {
    const { center, receiver } = await setUp({ groupWaitSeconds: 2, groupIntervalSeconds: 1 });
    const lag = alert('orders');
    await feed(center, [lag]);
    expect(await groupRow()).toBeDefined();
    await feed(center, [resolve(lag)]);
    // The first flush (after group_wait) finds nothing to tell and removes the group.
    await until(async () => ((await groupRow()) ? undefined : true), 10_000, 'group flushed');
    expect(await deliveries()).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('a late joiner waits for the next group_interval, then both are sent together', async () => {
    const interval = 3;
    const { center, receiver, secret } = await setUp({
      groupWaitSeconds: 1,
      groupIntervalSeconds: interval,
    });
    await feed(center, [alert('payments')]);
    await receiver.waitFor(1);
    const joinedAt = Date.now();
    await feed(center, [alert('payments'), alert('shipping')]);
    const [, second] = await receiver.waitFor(2);
    if (!second) throw new Error('unreachable');
    const body = AlertmanagerV4.parse(new Webhook(secret).verify(second.body, second.headers));
    expect(body.alerts.map((a) => a.fingerprint).sort()).toEqual(['fp-payments', 'fp-shipping']);
    const [d1, d2] = await deliveries();
    if (!d1 || !d2) throw new Error('two deliveries expected');
    // Flushed on the group's interval grid, not when the late joiner arrived.
    expect(d2.created_at.getTime() - d1.created_at.getTime()).toBeGreaterThanOrEqual(
      interval * 1000 - tickMs,
    );
    expect(d2.created_at.getTime()).toBeGreaterThan(joinedAt + 500);
  });

  it('an unchanged firing group repeats after repeat_interval only; acknowledged alerts do not repeat', async () => {
    const repeat = 3;
    const { center, receiver } = await setUp({
      groupWaitSeconds: 0,
      groupIntervalSeconds: 1,
      repeatIntervalSeconds: repeat,
    });
    const lag = alert('payments');
    await feed(center, [lag]);
    const [first] = await receiver.waitFor(1);
    // Evaluations keep reporting it while group_interval flushes pass without a notification.
    for (let i = 0; i < 3; i += 1) {
      await feed(center, [lag]);
      await new Promise((r) => setTimeout(r, 300));
    }
    const [, second] = await receiver.waitFor(2);
    if (!first || !second) throw new Error('unreachable');
    expect(second.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    const [d1, d2] = await deliveries();
    if (!d1 || !d2) throw new Error('two deliveries expected');
    expect(d2.created_at.getTime() - d1.created_at.getTime()).toBeGreaterThanOrEqual(repeat * 1000);

    // Acknowledged: flushes go on (the group stays), but no repeat is sent.
    await feed(center, [{ ...lag, acknowledged: true }]);
    const notifiedAt = (await groupRow())?.last_notified_at?.getTime() ?? 0;
    await until(
      async () => {
        const row = await groupRow();
        return row && row.next_flush_at.getTime() > notifiedAt + (repeat + 1) * 1000
          ? true
          : undefined;
      },
      15_000,
      'flushes past the repeat interval',
    );
    expect(receiver.received).toHaveLength(2);
    expect((await groupRow())?.last_notified_at?.getTime()).toBe(notifiedAt);
  });

  it('silenced and inhibited alerts are not notified, though their group flushes', async () => {
    const { center, receiver } = await setUp({ groupWaitSeconds: 0, groupIntervalSeconds: 1 });
    await feed(center, [
      alert('payments', { silenced: true }),
      alert('orders', { inhibited: true, fingerprint: 'fp-orders' }),
    ]);
    const createdFlush = (await groupRow())?.next_flush_at.getTime() ?? 0;
    await until(
      async () =>
        ((await groupRow())?.next_flush_at.getTime() ?? 0) > createdFlush + 1000 || undefined,
      10_000,
      'two flushes',
    );
    expect(await deliveries()).toEqual([]);
    expect(receiver.received).toEqual([]);
    // The silence ends: the next flush notifies it.
    await feed(center, [alert('payments')]);
    const [sent] = await receiver.waitFor(1);
    const body = JSON.parse(sent?.body ?? '{}') as { alerts: { fingerprint: string }[] };
    expect(body.alerts.map((a) => a.fingerprint)).toEqual(['fp-payments']);
  });

  it('routes by matchers and groups by groupBy', async () => {
    const { center, receiver } = await setUp({
      groupWaitSeconds: 0,
      matchers: [{ label: 'severity', op: '=', value: 'critical' }],
      groupBy: ['group'],
    });
    await feed(center, [
      alert('payments'),
      alert('shipping'),
      alert('orders', { severity: 'warning', labels: { alertname: 'X', severity: 'warning' } }),
    ]);
    const got = await receiver.waitFor(2);
    const keys = got.map((r) => (JSON.parse(r.body) as { groupKey: string }).groupKey).sort();
    expect(keys).toEqual(['{}:{group="payments"}', '{}:{group="shipping"}']);
    expect((await deliveries()).length).toBe(2);
  });
});
