import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from './index';

describe('startPostgres', () => {
  it('starts a throwaway server, answers queries, and stops it without leaving files', async () => {
    const server = await startPostgres();
    let stopped = false;
    try {
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/eventscope_test`);

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ db: string; one: number }>(
        'SELECT current_database() AS db, 1 AS one',
      );
      const dataDir = (await client.query<{ data_directory: string }>('SHOW data_directory'))
        .rows[0]?.data_directory;
      await client.end();
      expect(rows).toEqual([{ db: 'eventscope_test', one: 1 }]);
      expect(dataDir).toBeTruthy();

      await server.stop();
      stopped = true;
      await server.stop(); // a second stop is harmless

      expect(existsSync(dataDir ?? '')).toBe(false);
      const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
      await expect(after.connect()).rejects.toThrow();
    } finally {
      if (!stopped) await server.stop();
    }
  });

  it('runs two servers side by side on different ports', async () => {
    const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
    try {
      expect(a.port).not.toBe(b.port);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
