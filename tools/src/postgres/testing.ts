/**
 * Helpers for integration suites that run against the harness PostgreSQL
 * (tools/src/test/global-setup.ts). They take the server URL from the caller
 * (`inject('databaseUrl')`) instead of importing vitest, like the kafka helpers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type {} from '../test/provided-context';

export interface TestDatabase {
  /** The same server and credentials as the harness URL, pointing at the new database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the harness server, so suites (and tests) never share tables.
 * `drop()` disconnects whatever is still connected and removes it.
 */
export async function createTestDatabase(
  serverUrl: string,
  prefix = 'test',
): Promise<TestDatabase> {
  const name = `${prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30)}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
