import { join } from 'node:path';
import { auditRepository, type AuditRepository } from './audit';
import { authRepository, type AuthRepository } from './auth';
import { samplesRepository, type SamplesRepository } from './samples';
import type { Db, Engine } from './db';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface Store {
  readonly engine: Engine;
  readonly db: Db;
  readonly audit: AuditRepository;
  readonly auth: AuthRepository;
  readonly samples: SamplesRepository;
  /** SELECT 1; rejects when the database is unreachable (used by /api/health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL URL; unset = embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** EVENTSCOPE_DATA_DIR; PGlite keeps its files in `<dataDir>/pglite`. */
  dataDir: string;
  /** PostgreSQL only: connect timeout, default 5 s, so a wrong URL fails the start quickly. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: an idle pooled connection failed (the pool replaces it). Log it. */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens the store and brings its schema up to date before returning.
 * Rejects with StoreUnavailableError when PostgreSQL cannot be reached.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const db = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, {
        ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
        ...(opts.onIdleError ? { onIdleError: opts.onIdleError } : {}),
      })
    : await openPglite(join(opts.dataDir, 'pglite'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return {
    engine: db.engine,
    db,
    audit: auditRepository(db),
    auth: authRepository(db),
    samples: samplesRepository(db),
    ping: async () => {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
