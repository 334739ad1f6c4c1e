import pg from 'pg';
import type { Db, Queryable, Row } from './db';
import { redactUrl } from '@eventscope/shared';
import { StoreUnavailableError } from './errors';

export interface PostgresOptions {
  /** How long to wait for a connection before giving up (ms). */
  connectTimeoutMs?: number;
  /** An idle pooled client lost its connection (server restart, network). The pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/** A pg.Pool behind the Db interface. Resolves only once one connection has succeeded. */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    application_name: 'eventscope',
  });
  // Without a listener, an error on an idle client is an unhandled 'error' event: the process dies.
  pool.on('error', (error) => opts.onIdleError?.(error));

  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(redactUrl(url), reason, { cause: error });
  }

  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T extends Row>(sql: string, params: readonly unknown[] = []) => {
      const result = await client.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    // Without parameters pg uses the simple protocol, which accepts several statements.
    exec: async (sql: string) => {
      await client.query(sql);
    },
  });

  let closing: Promise<void> | undefined;
  return {
    engine: 'postgres',
    ...on(pool),
    // All statements of a transaction must run on one connection: check one out for its duration.
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // If even ROLLBACK fails the connection is broken: destroy it instead of pooling it.
        await client.query('ROLLBACK').then(
          () => client.release(),
          (rollbackError: unknown) =>
            client.release(rollbackError instanceof Error ? rollbackError : true),
        );
        throw error;
      }
    },
    close: () => (closing ??= pool.end()),
  };
}
