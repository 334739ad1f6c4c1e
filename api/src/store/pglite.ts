import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';
import { Mutex } from './mutex';

/**
 * Embedded PostgreSQL (WASM) persisted under `dir`. One connection per process: every
 * statement and transaction goes through one mutex, so nothing interleaves with another
 * caller's open transaction. Only one process may open a given dir at a time.
 */
export async function openPglite(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  const lock = new Mutex();

  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []) => {
    const result = await pg.query<T>(sql, [...params]);
    return { rows: result.rows };
  };
  const exec = async (sql: string) => {
    await pg.exec(sql);
  };

  return {
    engine: 'pglite',
    query: (sql, params) => lock.run(() => query(sql, params)),
    exec: (sql) => lock.run(() => exec(sql)),
    transaction: (fn) =>
      lock.run(() =>
        // PGlite's own transaction API issues BEGIN/COMMIT and rolls back when fn throws.
        pg.transaction((tx) => {
          const handle: Queryable = {
            query: async <T extends Row>(sql: string, params: readonly unknown[] = []) => ({
              rows: (await tx.query<T>(sql, [...params])).rows,
            }),
            exec: async (sql) => {
              await tx.exec(sql);
            },
          };
          return fn(handle);
        }),
      ),
    close: () => lock.run(() => (pg.closed ? Promise.resolve() : pg.close())),
  };
}
