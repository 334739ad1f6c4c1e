import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClusterSummarySchema, GroupPageSchema, parseAgentConfig } from '@eventscope/shared';
import { createAgent, silentLogger, type Agent } from '@eventscope/collectors';
import { commitOffsets, createTopic, produce, testCluster } from '@eventscope/collectors/testing';
import { createTestKafka, uniqueName } from '@eventscope/tools/kafka';
import { startTestApp, type TestApp } from './testing/app';

/** The scale-out path: an agent samples a real broker and pushes to a real api over HTTP. */
let app: TestApp;
const agents: Agent[] = [];
const kafka = () => createTestKafka(inject('kafkaBrokers'));

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await app.close();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('collector agent', () => {
  it('pushes snapshots that the api serves as its own: groups with lag and the cluster', async () => {
    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    const topic = await createTopic(admin, 'agent', 2);
    await produce(client, topic, 100, 2);
    const group = uniqueName('agent-group');
    await commitOffsets(client, group, topic, { 0: '10', 1: '20' });
    await admin.disconnect();

    const cluster = testCluster(inject('kafkaBrokers'));
    const agent = createAgent({
      cluster,
      apiUrl: app.url,
      token: app.tokens.operator,
      intervalMs: 500,
      logger: silentLogger,
    });
    agents.push(agent);
    agent.start();

    const headers = { authorization: `Bearer ${app.tokens.viewer}` };
    const seen = await until(async () => {
      const page = GroupPageSchema.parse(
        await (
          await fetch(`${app.url}/api/consumer-groups?cluster=${cluster.id}&q=${group}`, {
            headers,
          })
        ).json(),
      );
      return page.items.find((g) => g.group === group);
    }, 20_000);
    expect(seen.lagMessages).toBe(100 - 30);
    const clusters = ClusterSummarySchema.array().parse(
      await (await fetch(`${app.url}/api/clusters`, { headers })).json(),
    );
    expect(clusters).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: cluster.id, reachable: true })]),
    );
    // The api serves a snapshot before its answer reaches the agent, which counts it only then.
    const pushed = await until(async () => (agent.pushed > 0 ? agent.pushed : undefined), 10_000);
    expect(pushed).toBeGreaterThan(0);
  });

  it('is refused with a viewer token and pushes nothing', async () => {
    const cluster = testCluster(inject('kafkaBrokers'));
    const agent = createAgent({
      cluster,
      apiUrl: app.url,
      token: app.tokens.viewer,
      intervalMs: 300,
      logger: silentLogger,
    });
    agents.push(agent);
    agent.start();
    const page = await until(async () => {
      const res = await fetch(`${app.url}/api/audit?action=POST%20%2Fapi%2Fsnapshots&limit=5`, {
        headers: { authorization: `Bearer ${app.tokens.admin}` },
      });
      const body = (await res.json()) as { entries: unknown[] };
      return body.entries.length > 0 ? body : undefined;
    }, 10_000);
    expect(page.entries[0]).toMatchObject({ outcome: 'denied', actor: 'token:viewer' });
    expect(agent.pushed).toBe(0);
  });
});

describe('parseAgentConfig', () => {
  it.each([
    [
      { EVENTSCOPE_API_URL: 'http://api:8080', EVENTSCOPE_AGENT_TOKEN: 'es_0123456789abcdef' },
      /^KAFKA_BROKERS /,
    ],
    [
      { KAFKA_BROKERS: 'k:9092', EVENTSCOPE_AGENT_TOKEN: 'es_0123456789abcdef' },
      /^EVENTSCOPE_API_URL /,
    ],
    [
      {
        KAFKA_BROKERS: 'k:9092',
        EVENTSCOPE_API_URL: 'ftp://x',
        EVENTSCOPE_AGENT_TOKEN: 'es_0123456789abcdef',
      },
      /^EVENTSCOPE_API_URL /,
    ],
    [
      { KAFKA_BROKERS: 'k:9092', EVENTSCOPE_API_URL: 'http://api:8080' },
      /^EVENTSCOPE_AGENT_TOKEN /,
    ],
  ])('refuses %o with one line naming the setting', (env, pattern) => {
    const result = parseAgentConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(pattern);
  });

  it('reads one cluster, the api URL and the token', () => {
    const result = parseAgentConfig({
      KAFKA_BROKERS: 'k:9092',
      KAFKA_CLUSTER: 'prod',
      EVENTSCOPE_API_URL: 'https://es.example/',
      EVENTSCOPE_AGENT_TOKEN: 'es_0123456789abcdef',
    });
    expect(result).toMatchObject({
      ok: true,
      config: { apiUrl: 'https://es.example', cluster: { id: 'prod', brokers: ['k:9092'] } },
    });
  });
});
