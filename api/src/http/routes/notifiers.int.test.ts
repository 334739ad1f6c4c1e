import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiErrorSchema,
  DeliverySchema,
  NotifierCreatedSchema,
  NotifierSchema,
  type StreamEvent,
} from '@eventscope/shared';
import type { NotifiableAlert } from '../../notify';
import { startTestReceiver, until, type TestReceiver } from '../../notify/test-receiver';
import { startTestApp, type TestApp } from '../../testing/app';

/**
 * The notifier API over HTTP, with Slack and PagerDuty receivers on 127.0.0.1, and every log
 * line the api writes captured: secrets never come back out.
 */
let app: TestApp;
let receiver: TestReceiver;
const logs: string[] = [];
const events: StreamEvent[] = [];

const slackSecretPath = '/services/T0000/B0000/SlackPathSecret0123456789';
const routingKey = 'R0UTING-KEY-secret-0123456789abcdef';

beforeAll(async () => {
  receiver = await startTestReceiver({ respond: () => ({ status: 202 }) });
  app = await startTestApp({}, { write: (line: string) => void logs.push(line) });
  app.deps.events.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});

const base = () => `http://127.0.0.1:${receiver.port}`;

async function call(
  method: string,
  path: string,
  body?: unknown,
  role: 'admin' | 'viewer' = 'admin',
) {
  const res = await fetch(`${app.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${app.tokens[role]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function alert(group: string, status: 'firing' | 'resolved' = 'firing'): NotifiableAlert {
  return {
    fingerprint: `fp-${group}`,
    status,
    severity: 'critical',
    labels: { alertname: 'ConsumerLagHigh', severity: 'critical', cluster: 'local', group },
    annotations: { summary: `Consumer group ${group} is 95 s behind` },
    startsAt: '2026-11-25T10:00:00.000Z',
    endsAt: status === 'resolved' ? '2026-11-25T10:09:00.000Z' : null,
    path: `/groups/local/${group}`,
    silenced: false,
    inhibited: false,
    acknowledged: false,
  };
}

const feed = (alerts: NotifiableAlert[]) =>
  app.store.db.transaction((tx) => app.deps.notifications.onAlerts(tx, alerts, new Date()));

const received = (pathPrefix: string) =>
  receiver.received.filter((r) => r.path.startsWith(pathPrefix));

let webhook: z.infer<typeof NotifierCreatedSchema>;
let slack: z.infer<typeof NotifierCreatedSchema>;
let pagerduty: z.infer<typeof NotifierCreatedSchema>;

describe('notifiers API', () => {
  it('creates notifiers; a generated whsec_ secret is shown once', async () => {
    const created = await call('POST', '/notifiers', {
      name: 'ops webhook',
      type: 'webhook',
      url: `${base()}/hook?team=ops`,
      groupWaitSeconds: 0,
      matchers: [{ label: 'group', op: '=', value: 'webhook-only' }],
    });
    expect(created.status).toBe(201);
    webhook = NotifierCreatedSchema.parse(created.json);
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhook).toMatchObject({ urlRedacted: base(), hasSecret: true, enabled: true });

    const s = await call('POST', '/notifiers', {
      name: 'slack #oncall',
      type: 'slack',
      url: `${base()}${slackSecretPath}`,
      groupWaitSeconds: 0,
      groupIntervalSeconds: 1,
      matchers: [{ label: 'group', op: '=~', value: 'slack-.*' }],
    });
    expect(s.status).toBe(201);
    slack = NotifierCreatedSchema.parse(s.json);

    const p = await call('POST', '/notifiers', {
      name: 'pagerduty',
      type: 'pagerduty',
      url: `${base()}/pd/v2/enqueue`,
      routingKey,
      groupWaitSeconds: 0,
      groupIntervalSeconds: 1,
      matchers: [{ label: 'group', op: '=~', value: 'pd-.*' }],
    });
    expect(p.status).toBe(201);
    pagerduty = NotifierCreatedSchema.parse(p.json);
    expect(pagerduty.hasRoutingKey).toBe(true);
  });

  it('never returns URL paths, signing secrets or routing keys', async () => {
    const list = await call('GET', '/notifiers', undefined, 'viewer');
    expect(list.status).toBe(200);
    expect(z.array(NotifierSchema).parse(list.json)).toHaveLength(3);
    const one = await call('GET', `/notifiers/${slack.id}`, undefined, 'viewer');
    for (const text of [list.text, one.text]) {
      expect(text).not.toContain(webhook.secret ?? 'unset');
      expect(text).not.toContain('SlackPathSecret');
      expect(text).not.toContain(routingKey);
      expect(text).not.toContain('team=ops');
      expect(text).not.toMatch(/whsec_/);
    }
    expect(NotifierSchema.parse(one.json).urlRedacted).toBe(base());
  });

  it.each([
    [{ name: 'x', type: 'pagerduty' }, 'routingKey'],
    [{ name: 'x', type: 'webhook' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'ftp://example.com/hook' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://user:pw@example.com/hook' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://example.com/#frag' }, 'url'],
    [{ name: 'x', type: 'webhook', url: 'https://example.com', secret: 'plain' }, 'secret'],
    [
      { name: 'x', type: 'webhook', url: 'https://example.com', groupWaitSeconds: -1 },
      'groupWaitSeconds',
    ],
    [
      {
        name: 'x',
        type: 'webhook',
        url: 'https://e.com',
        matchers: [{ label: 'a', op: '=~', value: '(' }],
      },
      'matchers.0.value',
    ],
  ])('400 naming the field: %j', async (body, field) => {
    const res = await call('POST', '/notifiers', body);
    expect(res.status).toBe(400);
    const error = ApiErrorSchema.parse(res.json).error;
    expect(error.message).toContain(field);
  });

  it('send test: signed, delivered through the outbox, answered with the delivery', async () => {
    const res = await call('POST', `/notifiers/${webhook.id}/test`);
    expect(res.status).toBe(200);
    const delivery = DeliverySchema.parse(res.json);
    expect(delivery).toMatchObject({
      kind: 'test',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 202,
    });
    const [got] = received('/hook');
    if (!got || !webhook.secret) throw new Error('the receiver got the test');
    expect(got.path).toBe('/hook?team=ops');
    const body = new Webhook(webhook.secret).verify(got.body, got.headers) as {
      alerts: { labels: Record<string, string>; generatorURL: string }[];
    };
    expect(body.alerts[0]?.labels.alertname).toBe('EventscopeTest');
    expect(body.alerts[0]?.generatorURL).toBe('http://eventscope.test/alerts');
    expect(got.headers['webhook-id']).toBe(delivery.webhookId);

    const log = await call('GET', `/notifiers/${webhook.id}/deliveries`, undefined, 'viewer');
    const [listed] = z.array(DeliverySchema).parse(log.json);
    expect(listed?.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 202, error: null }),
    ]);
    expect(events).toContainEqual({ type: 'deliveries', keys: [['notifiers']] });
  });

  it('Slack: an incoming-webhook message with deep links into the dashboard', async () => {
    await feed([alert('slack-payments'), alert('slack-orders')]);
    const [msg] = await until(() => {
      const got = received('/services/');
      return got.length > 0 ? got : undefined;
    });
    if (!msg) throw new Error('unreachable');
    expect(msg.path).toBe(slackSecretPath);
    const body = z
      .object({
        text: z.string(),
        blocks: z.array(z.object({ type: z.string() }).loose()),
      })
      .parse(JSON.parse(msg.body));
    expect(body.text).toContain('[FIRING:2] ConsumerLagHigh cluster=local');
    expect(body.blocks[0]).toMatchObject({ type: 'header' });
    expect(msg.body).toContain(
      '<http://eventscope.test/groups/local/slack-payments|Consumer group slack-payments is 95 s behind>',
    );
    expect(msg.body).toContain('http://eventscope.test/alerts');
    // Slack ignores them, but every message is signed the same way.
    expect(msg.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('PagerDuty: trigger, then resolve with the same dedup_key', async () => {
    await feed([alert('pd-payments')]);
    const trigger = await until(() => received('/pd/')[0]);
    const triggerBody = JSON.parse(trigger.body) as Record<string, unknown>;
    expect(triggerBody).toMatchObject({
      routing_key: routingKey,
      event_action: 'trigger',
      payload: {
        summary: 'Consumer group pd-payments is 95 s behind',
        source: 'local',
        severity: 'critical',
        class: 'ConsumerLagHigh',
      },
    });
    expect(triggerBody.dedup_key).toMatch(/^[0-9a-f]{64}$/);
    expect(triggerBody.links).toContainEqual({
      href: 'http://eventscope.test/groups/local/pd-payments',
      text: 'Consumer group pd-payments is 95 s behind',
    });

    await feed([alert('pd-payments', 'resolved')]);
    const resolve = await until(() => received('/pd/')[1]);
    const resolveBody = JSON.parse(resolve.body) as Record<string, unknown>;
    expect(resolveBody).toMatchObject({ routing_key: routingKey, event_action: 'resolve' });
    expect(resolveBody.dedup_key).toBe(triggerBody.dedup_key);
  });

  it('PUT keeps write-only values that are left out, and rejects a PagerDuty without a key', async () => {
    const put = await call('PUT', `/notifiers/${slack.id}`, {
      name: 'slack #oncall-2',
      type: 'slack',
      groupWaitSeconds: 0,
    });
    expect(put.status).toBe(200);
    expect(NotifierSchema.parse(put.json)).toMatchObject({
      name: 'slack #oncall-2',
      urlRedacted: base(),
    });
    const before = received('/services/').length;
    expect((await call('POST', `/notifiers/${slack.id}/test`)).status).toBe(200);
    expect(
      received('/services/')
        .slice(before)
        .map((r) => r.path),
    ).toEqual([slackSecretPath]);

    const bad = await call('PUT', `/notifiers/${webhook.id}`, { name: 'x', type: 'pagerduty' });
    expect(bad.status).toBe(400);
    expect(ApiErrorSchema.parse(bad.json).error.message).toContain('routingKey');
  });

  it('audits writes without secrets; deletes; secrets never reached the logs', async () => {
    const audit = await call('GET', '/audit?action=notifier.create');
    expect(audit.text).toContain('ops webhook');
    expect(audit.text).not.toContain(routingKey);
    expect(audit.text).not.toContain('SlackPathSecret');

    expect((await call('DELETE', `/notifiers/${webhook.id}`)).status).toBe(204);
    expect((await call('GET', `/notifiers/${webhook.id}`)).status).toBe(404);
    expect((await call('POST', `/notifiers/${webhook.id}/test`)).status).toBe(404);

    const all = logs.join('\n');
    expect(all).toContain('notification delivered');
    expect(all).not.toContain(webhook.secret ?? 'unset');
    expect(all).not.toContain('SlackPathSecret');
    expect(all).not.toContain(routingKey);
    expect(all).not.toMatch(/whsec_/);
  });
});
