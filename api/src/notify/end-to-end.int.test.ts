import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NotifierCreatedSchema } from '@eventscope/shared';
import { createSampler, silentLogger, type Sampler } from '@eventscope/collectors';
import {
  createTopic,
  startConsumer,
  startTraffic,
  testCluster,
} from '@eventscope/collectors/testing';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { startTestApp, type TestApp } from '../testing/app';
import { startTestReceiver, until, type TestReceiver } from './test-receiver';

/**
 * The whole chain on a real broker: a consumer stops → the real alert engine fires its
 * lag-seconds rule → the notification center sends ONE signed webhook to a real receiver →
 * the consumer resumes → ONE resolved webhook.
 */
const intervalMs = 500;
let app: TestApp;
let receiver: TestReceiver;
const samplers: Sampler[] = [];

beforeAll(async () => {
  receiver = await startTestReceiver();
  app = await startTestApp(
    { sampleIntervalMs: intervalMs, limits: { writesPerMinute: 100_000, loginsPerMinute: 100 } },
    undefined,
    { alerts: { seedDefaults: false } },
  );
});
afterAll(async () => {
  await Promise.all(samplers.map((s) => s.stop()));
  await app.close();
  await receiver.close();
});

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${app.tokens.admin}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

interface AmBody {
  status: string;
  alerts: { status: string; labels: Record<string, string>; generatorURL: string }[];
}

describe('consumer stops → signed webhook → consumer resumes → resolved webhook', () => {
  it(
    'delivers exactly one firing and one resolved notification',
    { timeout: 120_000 },
    async () => {
      const client = createTestKafka(inject('kafkaBrokers'));
      const admin = client.admin();
      await admin.connect();
      const topic = await createTopic(admin, 'notify-e2e', 1);
      await admin.disconnect();
      const group = uniqueName('notify-e2e');
      const traffic = await startTraffic(client, topic);

      let consumer = await startConsumer(client, group, topic);
      try {
        const cluster = testCluster(inject('kafkaBrokers'));
        const sampler = createSampler(cluster, {
          intervalMs,
          logger: silentLogger,
          onSnapshot: (snapshot) => app.deps.recorder.record(snapshot),
        });
        samplers.push(sampler);
        sampler.start();

        const notifier = NotifierCreatedSchema.parse(
          await api('POST', '/notifiers', {
            name: 'on-call',
            type: 'webhook',
            url: receiver.url,
            matchers: [{ label: 'group', op: '=', value: group }],
            groupWaitSeconds: 1,
            groupIntervalSeconds: 1,
          }),
        );
        if (!notifier.secret) throw new Error('a generated secret is returned once');
        await api('POST', '/alert-rules', {
          name: 'ConsumerLagHigh',
          metric: 'lagSeconds',
          matchers: { cluster: cluster.id, group },
          op: '>',
          threshold: 2,
          forSeconds: 2,
          severity: 'critical',
          annotations: { summary: '{{labels.group}} is {{value}} s behind' },
        });
        // Let the group be seen keeping up before it stops.
        await until(async () => {
          const res = await fetch(`${app.url}/api/consumer-groups/${cluster.id}/${group}`, {
            headers: { authorization: `Bearer ${app.tokens.viewer}` },
          });
          const body = res.ok ? ((await res.json()) as { lagSeconds: number | null }) : undefined;
          return body?.lagSeconds !== null && body?.lagSeconds !== undefined && body.lagSeconds < 1
            ? true
            : undefined;
        }, 30_000);
        expect(receiver.received).toEqual([]);

        await consumer.disconnect();
        const [fired] = await receiver.waitFor(1, 60_000);
        if (!fired) throw new Error('unreachable');
        const firing = new Webhook(notifier.secret).verify(fired.body, fired.headers) as AmBody;
        expect(firing.status).toBe('firing');
        expect(firing.alerts).toHaveLength(1);
        expect(firing.alerts[0]?.labels).toMatchObject({ alertname: 'ConsumerLagHigh', group });
        expect(firing.alerts[0]?.generatorURL).toBe(
          `http://eventscope.test/groups/${cluster.id}/${group}?range=15m`,
        );

        consumer = await startConsumer(client, group, topic);
        const [, cleared] = await receiver.waitFor(2, 60_000);
        if (!cleared) throw new Error('unreachable');
        const resolved = new Webhook(notifier.secret).verify(
          cleared.body,
          cleared.headers,
        ) as AmBody;
        expect(resolved.status).toBe('resolved');
        expect(resolved.alerts.map((a) => a.status)).toEqual(['resolved']);

        // The group is gone once the resolve went out: nothing more will be sent.
        await until(async () => {
          const { rows } = await app.store.db.query(
            'SELECT 1 FROM notification_groups WHERE notifier_id = $1',
            [notifier.id],
          );
          return rows.length === 0 ? true : undefined;
        });
        expect(receiver.received).toHaveLength(2);
      } finally {
        await traffic.stop();
        await consumer.disconnect();
      }
    },
  );
});
