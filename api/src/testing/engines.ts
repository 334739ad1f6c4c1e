import { cpSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';
import { createTestDatabase } from '@eventscope/tools/postgres';
import { openStore, type OpenStoreOptions, type Store } from '../store';

/** Where one test's store lives: a PGlite dir or a PostgreSQL database of its own. */
export interface Target {
  options: OpenStoreOptions;
  cleanup(): Promise<void>;
}

const tempDir = () => mkdtemp(join(tmpdir(), 'eventscope-store-'));

/**
 * A fresh PGlite dir costs ~2 s (initdb runs in WASM); copying a migrated one ~0.2 s.
 * Targets start from the copy; `fresh` starts from an empty dir on purpose.
 */
let pgliteTemplate: string | undefined;

export async function prepareTemplates(): Promise<void> {
  const dir = await tempDir();
  await (await openStore({ dataDir: dir })).close();
  pgliteTemplate = dir;
}

export async function removeTemplates(): Promise<void> {
  if (pgliteTemplate) await rm(pgliteTemplate, { recursive: true, force: true });
}

/** Run one suite on both engines with `describe.each(engines)`. */
export const engines = [
  {
    engine: 'pglite' as const,
    async target(fresh = false): Promise<Target> {
      const dir = await tempDir();
      // cpSync: several times faster than the async cp on PGlite's ~1000 small files.
      if (!fresh && pgliteTemplate) cpSync(pgliteTemplate, dir, { recursive: true });
      return {
        options: { dataDir: dir },
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    engine: 'postgres' as const,
    async target(): Promise<Target> {
      const [db, dir] = await Promise.all([
        createTestDatabase(inject('databaseUrl'), 'store'),
        tempDir(),
      ]);
      return {
        options: { databaseUrl: db.url, dataDir: dir },
        cleanup: async () => {
          await db.drop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

/** A fresh store per test on the given target, closed and removed after it; call the getter inside tests. */
export function storePerTest(target: () => Promise<Target>): () => Store {
  let where: Target | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    where = await target();
    store = await openStore(where.options);
  });
  afterEach(async () => {
    await store?.close();
    await where?.cleanup();
  });
  return () => {
    if (!store) throw new Error('storePerTest: the store is opened in beforeEach');
    return store;
  };
}
