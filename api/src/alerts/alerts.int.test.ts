import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertSchema, type Alert, type ClusterConfig } from '@eventscope/shared';
import { createSampler, silentLogger, type Sampler } from '@eventscope/collectors';
import {
  commitOffsets,
  createTopic,
  produce,
  startConsumer,
  startTraffic,
  testCluster,
} from '@eventscope/collectors/testing';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { startTestApp, type TestApp } from '../testing/app';
import { recordingCenter } from './test-helpers';

/**
 * The must-show scenarios on a real broker and a real api: a consumer that stops fires a
 * lag-seconds rule (pending, then firing after `for`) and resolves when it resumes; a silenced
 * alert is visible as silenced and handed over flagged; a real outage of the cluster fires
 * "cluster unreachable", which inhibits the cluster's lag alerts.
 */
const intervalMs = 500;
const center = recordingCenter();
let app: TestApp;
const samplers: Sampler[] = [];
const kafka = () => createTestKafka(inject('kafkaBrokers'));

beforeAll(async () => {
  app = await startTestApp(
    { sampleIntervalMs: intervalMs, limits: { writesPerMinute: 100_000, loginsPerMinute: 100 } },
    undefined,
    { alerts: { notifications: center, seedDefaults: false } },
  );
});
afterAll(async () => {
  await Promise.all(samplers.map((s) => s.stop()));
  await app.close();
});

function sample(cluster: ClusterConfig): Sampler {
  const sampler = createSampler(cluster, {
    intervalMs,
    logger: silentLogger,
    onSnapshot: (snapshot) => app.deps.recorder.record(snapshot),
  });
  samplers.push(sampler);
  sampler.start();
  return sampler;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  role: 'viewer' | 'operator' | 'admin' = 'admin',
) {
  const res = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${app.tokens[role]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : ((await res.json()) as unknown);
}

const alertsOf = async (rule: string): Promise<Alert[]> =>
  AlertSchema.array()
    .parse(await api('GET', '/alerts'))
    .filter((a) => a.ruleName === rule);

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('alerts on a real broker', () => {
  it('a consumer stops → pending → firing after `for` → it resumes → resolved', async () => {
    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    const topic = await createTopic(admin, 'alert-lag', 1);
    await admin.disconnect();
    const group = uniqueName('alert-consumer');
    const traffic = await startTraffic(client, topic);
    try {
      let consumer = await startConsumer(client, group, topic);
      const cluster = testCluster(inject('kafkaBrokers'));
      sample(cluster);
      const name = `Lag of ${group}`;
      await api('POST', '/alert-rules', {
        name,
        metric: 'lagSeconds',
        matchers: { cluster: cluster.id, group },
        op: '>',
        threshold: 2,
        forSeconds: 2,
        severity: 'critical',
        annotations: { summary: '{{labels.group}} is {{value}} s behind' },
      });
      // Keeping up: the group is sampled with a small lag and no alert.
      await until('the group keeping up', async () => {
        const res = await fetch(`${app.url}/api/consumer-groups/${cluster.id}/${group}`, {
          headers: { authorization: `Bearer ${app.tokens.viewer}` },
        });
        const body = res.ok ? ((await res.json()) as { lagSeconds: number | null }) : undefined;
        return body && body.lagSeconds !== null && body.lagSeconds < 1 ? true : undefined;
      });
      expect(await alertsOf(name)).toEqual([]);

      await consumer.disconnect();
      const states: string[] = [];
      const firing = await until('firing', async () => {
        const [alert] = await alertsOf(name);
        if (alert && states.at(-1) !== alert.state) states.push(alert.state);
        return alert?.state === 'firing' ? alert : undefined;
      });
      expect(states).toEqual(['pending', 'firing']);
      expect(firing).toMatchObject({
        labels: expect.objectContaining({ cluster: cluster.id, group, alertname: name }),
        url: `/groups/${cluster.id}/${group}?range=15m`,
        health: 'ok',
      });
      // `for` is measured between samples (within a quarter interval of jitter).
      const heldMs = Date.parse(firing.firedAt ?? '') - Date.parse(firing.activeAt ?? '');
      expect(heldMs).toBeGreaterThanOrEqual(2000 - intervalMs / 4);
      expect(center.seen('firing')).toContainEqual(
        expect.objectContaining({ fingerprint: firing.id, startsAt: firing.firedAt }),
      );

      consumer = await startConsumer(client, group, topic);
      const resolved = await until('resolved', async () => {
        const [alert] = await alertsOf(name);
        return alert?.state === 'resolved' ? alert : undefined;
      });
      expect(resolved.id).toBe(firing.id);
      expect(center.seen('resolved')).toContainEqual(
        expect.objectContaining({ fingerprint: firing.id, endsAt: resolved.resolvedAt }),
      );
      await consumer.disconnect();
    } finally {
      await traffic.stop();
    }
  });

  it('silenced, then inhibited while the cluster is really unreachable', async () => {
    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    const topic = await createTopic(admin, 'alert-outage', 1);
    await admin.disconnect();
    await produce(client, topic, 10, 1);
    const group = uniqueName('alert-stuck');
    // A group stuck at offset 0: its lag in seconds grows from here.
    await commitOffsets(client, group, topic, { 0: '0' });

    const cluster = testCluster(inject('kafkaBrokers'), 1000);
    const healthy = sample(cluster);
    const lagRule = `Stuck ${group}`;
    const downRule = `Down ${cluster.id}`;
    await api('POST', '/alert-rules', {
      name: lagRule,
      metric: 'lagSeconds',
      matchers: { cluster: cluster.id, group },
      op: '>',
      threshold: 0.5,
      forSeconds: 0,
      severity: 'warning',
    });
    await api('POST', '/alert-rules', {
      name: downRule,
      metric: 'clusterUnreachable',
      matchers: { cluster: cluster.id },
      op: '==',
      threshold: 1,
      forSeconds: 1,
      severity: 'critical',
    });
    const lag = await until('the lag alert', async () => {
      const [alert] = await alertsOf(lagRule);
      return alert?.state === 'firing' ? alert : undefined;
    });

    const silence = (await api(
      'POST',
      '/silences',
      {
        matchers: [{ label: 'group', op: '=', value: group }],
        endsAt: new Date(Date.now() + 600_000).toISOString(),
        comment: 'stuck on purpose',
      },
      'operator',
    )) as { id: string };
    const silenced = await alertsOf(lagRule);
    expect(silenced[0]).toMatchObject({ silenced: true, silencedBy: [silence.id] });
    await until('a silenced hand-over', async () =>
      center.calls.at(-1)?.alerts.find((a) => a.fingerprint === lag.id && a.silenced),
    );
    await api('DELETE', `/silences/${silence.id}`, undefined, 'operator');

    // The same cluster id, now answering nowhere: a real outage as the sampler sees it.
    await healthy.stop();
    sample({ ...cluster, brokers: [`127.0.0.1:${await closedPort()}`] });
    const down = await until('cluster unreachable firing', async () => {
      const [alert] = await alertsOf(downRule);
      return alert?.state === 'firing' ? alert : undefined;
    });
    expect(down.url).toBe(`/?cluster=${encodeURIComponent(cluster.id)}&range=15m`);
    const inhibited = await until('the lag alert inhibited', async () => {
      const [alert] = await alertsOf(lagRule);
      return alert?.inhibited ? alert : undefined;
    });
    // Still firing (its lag is unknown, never "0, fine"), inhibited by the outage, not silenced.
    expect(inhibited).toMatchObject({
      state: 'firing',
      health: 'nodata',
      inhibitedBy: [down.id],
      silenced: false,
    });
    await until('an inhibited hand-over', async () =>
      center.calls.at(-1)?.alerts.find((a) => a.fingerprint === lag.id && a.inhibited),
    );
  });
});
