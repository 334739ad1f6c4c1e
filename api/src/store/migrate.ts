import { readdir, readFile } from 'node:fs/promises';
import type { Db, Queryable } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d+)_([\w-]+)\.sql$/;

/**
 * An arbitrary constant shared by every Eventscope process: the advisory lock that makes
 * replicas starting together apply migrations one at a time.
 */
const MIGRATION_LOCK_KEY = 7_302_461_155;

/** Reads `NNNN_name.sql` files, ordered by version. */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of await readdir(dir)) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) continue;
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql: await readFile(new URL(file, dir), 'utf8'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  const duplicate = migrations.find((m, i) => migrations[i - 1]?.version === m.version);
  if (duplicate) throw new Error(`two migrations share version ${duplicate.version}`);
  return migrations;
}

/**
 * Applies pending migrations in order, each in its own transaction together with its
 * schema_migrations row, so a failure leaves the schema at the last whole version.
 * Returns the versions applied by this call (empty when up to date).
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });

  // Cheap path for the usual restart: nothing pending, no lock taken.
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const migration of all.filter((m) => !done.has(m.version))) {
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      // Another process may have applied it while we waited for the lock.
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** Held until the transaction ends; harmless on PGlite, where there is one connection anyway. */
async function lock(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
}
