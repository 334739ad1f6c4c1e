import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { DeliverySchema, NotifierCreatedSchema } from '@eventscope/shared';
import { createTestDatabase, type TestDatabase } from '@eventscope/tools/postgres';
import { scratchDirs } from '@eventscope/tools/scratch';
import { startTestReceiver, until, type TestReceiver } from './test-receiver';

/**
 * "Survives api restarts": a real api process (api/src/start.ts on the test broker and a
 * PostgreSQL database of its own) is SIGKILLed while a delivery is pending, then started again.
 */
const startFile = fileURLToPath(new URL('../start.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const adminToken = 'restart-test-admin-token-0123456789';

interface Api {
  child: ChildProcess;
  url: string;
}

let db: TestDatabase;
let receiver: TestReceiver;
const scratch = scratchDirs();
const output: string[] = [];
const running: ChildProcess[] = [];

function startApi(): Promise<Api> {
  const child = spawn(process.execPath, ['--import', 'tsx', startFile], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.url,
      EVENTSCOPE_DATA_DIR: scratch.make('es-restart-'),
      EVENTSCOPE_ADMIN_TOKEN: adminToken,
      EVENTSCOPE_HOST: '127.0.0.1',
      EVENTSCOPE_PORT: '0',
      EVENTSCOPE_PUBLIC_URL: 'https://eventscope.example.com',
      EVENTSCOPE_LOG_LEVEL: 'debug',
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      KAFKA_CLUSTER: 'restart',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      seen += text;
      const match = /Eventscope is running at (http:\/\/\S+) /.exec(seen);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`api exited with ${code}: ${seen.slice(-2000)}`)),
    );
  });
}

async function kill(api: Api, signal: NodeJS.Signals): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill(signal);
  await exited;
}

async function call(api: Api, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${api.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  db = await createTestDatabase(inject('databaseUrl'), 'notify_restart');
  receiver = await startTestReceiver({ listening: false });
});
afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await receiver.close();
  await db.drop();
  await scratch.remove();
});

describe('api killed while a delivery is pending', () => {
  it(
    'delivers it after the restart, once, with the same webhook-id',
    { timeout: 120_000 },
    async () => {
      const first = await startApi();
      const created = NotifierCreatedSchema.parse(
        await call(first, 'POST', '/notifiers', {
          name: 'on-call',
          type: 'webhook',
          url: receiver.url,
        }),
      );
      const secret = created.secret;
      if (!secret) throw new Error('a generated secret is returned once');

      // The receiver refuses connections: the test notification stays pending.
      const pending = DeliverySchema.parse(
        await call(first, 'POST', `/notifiers/${created.id}/test`),
      );
      expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(pending.lastError).toMatch(/ECONNREFUSED/);

      await kill(first, 'SIGKILL');
      await receiver.listen();
      const second = await startApi();

      const [got] = await receiver.waitFor(1, 60_000);
      if (!got) throw new Error('unreachable');
      expect(got.headers['webhook-id']).toBe(pending.webhookId);
      new Webhook(secret).verify(got.body, got.headers);

      const delivered = await until(async () => {
        const list = z
          .array(DeliverySchema)
          .parse(await call(second, 'GET', `/notifiers/${created.id}/deliveries`));
        return list[0]?.status === 'delivered' ? list : undefined;
      });
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.webhookId).toBe(pending.webhookId);
      expect(delivered[0]?.attempts).toBeGreaterThanOrEqual(2);
      expect(receiver.received).toHaveLength(1);

      await kill(second, 'SIGTERM');
      const logs = output.join('');
      expect(logs).toContain('notification delivered');
      expect(logs).not.toContain(secret);
      expect(logs).not.toMatch(/whsec_/);
    },
  );
});
