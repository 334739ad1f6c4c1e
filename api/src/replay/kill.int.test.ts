/**
 * Issue #7 "Must show": a replay whose api process is killed with SIGKILL half-way resumes
 * when the api starts again, and the origin topics hold exactly 10,000 replayed records (read
 * with a read_committed consumer): none lost, none duplicated. The api is a real child
 * process on PostgreSQL; Kafka is the harness broker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { headerText, produceAll, readCommitted } from '@eventscope/collectors/testing';
import { ReplaySchema, type DlqStats, type Replay } from '@eventscope/shared';
import { createTestKafka, freePort } from '@eventscope/tools/kafka';
import { createTestDatabase, type TestDatabase } from '@eventscope/tools/postgres';
import { scratchDirs } from '@eventscope/tools/scratch';
import { apiClient, clusterFor, deadLetters, shopTopics } from './int-fixtures';

const mainFile = fileURLToPath(new URL('../main.ts', import.meta.url));
const adminToken = 'replay-kill-test-admin-token-0123456789';
const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const cluster = clusterFor(brokers);
const eventually = { timeout: 60_000, interval: 200 };

let db: TestDatabase;
const scratch = scratchDirs();
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'), 'replay_kill');
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db.drop();
  await scratch.remove();
});

interface Api {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

async function startApi(): Promise<Api> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    env: {
      PATH: process.env.PATH ?? '',
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLUSTER: cluster.id,
      DATABASE_URL: db.url,
      EVENTSCOPE_DATA_DIR: scratch.make('es-kill-'),
      EVENTSCOPE_HOST: '127.0.0.1',
      EVENTSCOPE_PORT: String(port),
      EVENTSCOPE_ADMIN_TOKEN: adminToken,
      EVENTSCOPE_SAMPLE_INTERVAL_MS: '1000',
      EVENTSCOPE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await vi.waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the api exited: ${output}`);
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
  }, eventually);
  return { url, child, exited, output: () => output };
}

describe('a replay survives SIGKILL of its process', () => {
  it('killed at about half, restarted: exactly 10,000 records, none lost, none duplicated', async () => {
    const shop = await shopTopics(kafka, cluster);
    await produceAll(kafka, shop.dlq, deadLetters(shop, 10_000));

    const first = await startApi();
    const api = apiClient(first.url, adminToken);
    const started = await api.post<{ id: string }>(`/dlqs/${cluster.id}/${shop.dlq}/replays`, {
      selection: { all: true },
      ratePerSecond: 2000,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.id;
    await vi.waitFor(async () => {
      const { body } = await api.get<Replay>(`/replays/${id}`);
      expect(body.replayed).toBeGreaterThanOrEqual(4500);
    }, eventually);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');

    const partial = [
      ...(await readCommitted(kafka, shop.orders)),
      ...(await readCommitted(kafka, shop.payments)),
    ];
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(10_000);

    const second = await startApi();
    const again = apiClient(second.url, adminToken);
    let replay: Replay | undefined;
    await vi.waitFor(async () => {
      const { body } = await again.get(`/replays/${id}`);
      replay = ReplaySchema.parse(body);
      expect(replay.status).toBe('completed');
    }, eventually);
    expect(replay).toMatchObject({ selected: 10_000, replayed: 10_000, skipped: 0 });

    const out = [
      ...(await readCommitted(kafka, shop.orders)),
      ...(await readCommitted(kafka, shop.payments)),
    ];
    expect(out).toHaveLength(10_000);
    const from = out.map((m) => headerText(m, 'x-eventscope-replayed-from'));
    expect(new Set(from).size).toBe(10_000);
    expect(new Set(out.map((m) => m.key?.toString())).size).toBe(10_000);

    // The depth users see drops to 0: the second process's sampler subtracts every record.
    await vi.waitFor(async () => {
      const { body } = await again.get<DlqStats[]>(`/dlqs?cluster=${cluster.id}`);
      expect(body.find((d) => d.topic === shop.dlq)?.depth).toBe(0);
    }, eventually);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 180_000);
});
