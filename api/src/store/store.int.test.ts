import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BadRequestError } from '../domain/errors';
import {
  auditRepository,
  loadMigrations,
  migrate,
  openStore,
  StoreUnavailableError,
  type Store,
} from './index';
import { engines, prepareTemplates, removeTemplates, type Target } from '../testing/engines';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

describe.each(engines)('store on $engine', ({ engine, target }) => {
  let where: Target;
  let store: Store;
  const opened: Store[] = [];
  const open = async (options = where.options) => {
    const s = await openStore(options);
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    where = await target();
    store = await open();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await where.cleanup();
  });

  it('applies migrations once, and opening again is a no-op', async () => {
    await store.close();
    await where.cleanup();
    where = await target(true);

    const first = await open();
    expect(first.engine).toBe(engine);
    await first.close();
    const second = await open();
    expect(await migrate(second.db)).toEqual([]);

    const { rows } = await second.db.query(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const files = await loadMigrations();
    expect(rows).toEqual(files.map((m) => ({ version: m.version, name: m.name })));
    expect(rows[0]).toEqual({ version: 1, name: 'init' });
  });

  if (engine === 'postgres')
    it('lets replicas start at once: one migrates, the others wait', async () => {
      // Back to an empty database, so all three replicas find every migration pending.
      await store.db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      const stores = await Promise.all([open(), open(), open()]);
      const { rows } = await must(stores[0]).db.query(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      const files = await loadMigrations();
      expect(rows).toEqual(files.map((m) => ({ version: m.version })));
    });

  it('keeps data across close and reopen', async () => {
    await store.audit.appendAudit({ actor: 'alice', action: 'login', outcome: 'success' });
    await store.close();
    const again = await open();
    expect((await again.audit.listAudit({ limit: 10 })).entries.map((e) => e.actor)).toEqual([
      'alice',
    ]);
  });

  it('commits a transaction, and rolls it back when it throws', async () => {
    const committed = await store.db.transaction(async (tx) => {
      await auditRepository(tx).appendAudit({ actor: 'a', action: 'kept', outcome: 'success' });
      return 'done';
    });
    expect(committed).toBe('done');

    const boom = new Error('boom');
    await expect(
      store.db.transaction(async (tx) => {
        await auditRepository(tx).appendAudit({ actor: 'a', action: 'lost', outcome: 'success' });
        throw boom;
      }),
    ).rejects.toBe(boom);

    const { entries } = await store.audit.listAudit({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['kept']);
  });

  it("never runs another caller's statement inside an open transaction", async () => {
    let signal: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (signal = resolve));
    const rolledBack = store.db.transaction(async (tx) => {
      await auditRepository(tx).appendAudit({
        actor: 'tx',
        action: 'rolled-back',
        outcome: 'success',
      });
      signal();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('rollback');
    });
    await entered;
    // Issued while the transaction is open. On PGlite (one connection) it must wait rather
    // than join the transaction and vanish with its rollback.
    const outside = store.audit.appendAudit({ actor: 'other', action: 'kept', outcome: 'success' });
    await expect(rolledBack).rejects.toThrow('rollback');
    await outside;

    const { entries } = await store.audit.listAudit({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['kept']);
  });

  if (engine === 'pglite')
    it('serializes concurrent transactions', async () => {
      await store.db.exec(
        'CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0)',
      );
      // Read-modify-write with a yield in between: interleaving would lose increments.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.db.transaction(async (tx) => {
            const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter');
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.query('UPDATE counter SET n = $1', [(rows[0]?.n ?? 0) + 1]);
          }),
        ),
      );
      expect((await store.db.query('SELECT n FROM counter')).rows).toEqual([{ n: 20 }]);
    });

  it('lists audit entries newest first, page by page, filtered by action and actor', async () => {
    const appended = [];
    for (const [actor, action] of [
      ['alice', 'login'],
      ['bob', 'replay.start'],
      ['alice', 'replay.start'],
      ['bob', 'login'],
      ['alice', 'replay.cancel'],
      ['carol', 'replay.start'],
      ['alice', 'replay.start'],
    ] as const) {
      appended.push(
        await store.audit.appendAudit({ actor, action, outcome: 'success', target: 'orders.DLQ' }),
      );
    }
    const newestFirst = appended.map((e) => e.id).reverse();

    const first = must(appended[0]);
    expect(first.id).toMatch(/^\d+$/);
    expect(new Date(first.at).toISOString()).toBe(first.at);
    expect(first).toMatchObject({
      actor: 'alice',
      target: 'orders.DLQ',
      source: null,
      details: null,
    });

    const page1 = await store.audit.listAudit({ limit: 3 });
    const page2 = await store.audit.listAudit({ limit: 3, before: must(page1.nextCursor) });
    const page3 = await store.audit.listAudit({ limit: 3, before: must(page2.nextCursor) });
    expect([...page1.entries, ...page2.entries, ...page3.entries].map((e) => e.id)).toEqual(
      newestFirst,
    );
    expect(page3.entries).toHaveLength(1);
    expect(page3.nextCursor).toBeNull();
    // A page that ends exactly at the last entry says so too.
    expect((await store.audit.listAudit({ limit: 7 })).nextCursor).toBeNull();

    const replays = await store.audit.listAudit({ limit: 10, action: 'replay.start' });
    expect(replays.entries.map((e) => e.actor)).toEqual(['alice', 'carol', 'alice', 'bob']);
    const alicesReplays = await store.audit.listAudit({
      limit: 1,
      action: 'replay.start',
      actor: 'alice',
    });
    expect(alicesReplays.entries.map((e) => e.id)).toEqual([newestFirst[0]]);
    const older = await store.audit.listAudit({
      limit: 10,
      action: 'replay.start',
      actor: 'alice',
      before: must(alicesReplays.nextCursor),
    });
    expect(older.entries.map((e) => e.id)).toEqual([must(appended[2]).id]);
    expect(older.nextCursor).toBeNull();
  });

  it('rejects a malformed cursor', async () => {
    await expect(store.audit.listAudit({ limit: 10, before: '1 OR 1=1' })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  it('round-trips unicode and control characters, and stores NUL as ␀', async () => {
    const weird =
      'Zoë 🚀 مرحبا 日本語 e\u0301 \t\n\r \u0001\u001b\u007f \u2028\u2029 "quoted" \\back\\slash';
    const details = {
      [weird]: [weird, { nested: weird }],
      n: 1.5,
      ok: true,
      none: null,
      at: new Date(0),
    };
    const saved = await store.audit.appendAudit({
      actor: weird,
      action: 'weird',
      target: weird,
      outcome: 'success',
      source: weird,
      details,
    });
    const [loaded] = (await store.audit.listAudit({ limit: 1 })).entries;
    expect(loaded).toEqual(saved);
    expect(loaded).toMatchObject({ actor: weird, target: weird, source: weird });
    expect(loaded?.details).toEqual(JSON.parse(JSON.stringify(details)));

    // PostgreSQL text cannot hold U+0000: it must not make the audit write fail.
    const nul = await store.audit.appendAudit({
      actor: 'a\0b',
      action: 'nul',
      outcome: 'x',
      details: { 'k\0': 'v\0' },
    });
    expect(nul).toMatchObject({ actor: 'a\u2400b', details: { 'k\u2400': 'v\u2400' } });
  });

  it('stores SQL-looking input literally', async () => {
    const attacks = [
      "'; DROP TABLE audit_log; --",
      "Robert'); DELETE FROM audit_log WHERE ('1'='1",
      '$1 $2 $$ $tag$',
      "' OR 1=1 --",
      '\\x00\\\\',
    ];
    for (const attack of attacks) {
      await store.audit.appendAudit({
        actor: attack,
        action: attack,
        target: attack,
        outcome: attack,
        details: { attack },
      });
    }
    const { entries } = await store.audit.listAudit({ limit: 10 });
    expect(entries.map((e) => e.actor)).toEqual([...attacks].reverse());
    expect(entries.every((e) => e.action === e.actor && e.outcome === e.actor)).toBe(true);
    expect((await store.audit.listAudit({ limit: 10, actor: "' OR 1=1 --" })).entries).toHaveLength(
      1,
    );
  });

  it('keeps the audit log append-only', async () => {
    await store.audit.appendAudit({ actor: 'a', action: 'x', outcome: 'success' });
    await expect(store.db.query("UPDATE audit_log SET outcome = 'failure'")).rejects.toThrow(
      /append-only/,
    );
  });

  it('pings, and closes idempotently', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
});

describe('openStore with an unreachable PostgreSQL', () => {
  it('fails fast with StoreUnavailableError and never shows the password', async () => {
    const port = await unusedPort();
    const url = `postgres://eventscope:s3cret-pw@127.0.0.1:${port}/eventscope`;
    const error: unknown = await openStore({ databaseUrl: url, dataDir: tmpdir() }).catch(
      (e: unknown) => e,
    );

    if (!(error instanceof StoreUnavailableError))
      throw new Error(`expected StoreUnavailableError, got ${String(error)}`);
    const unavailable = error;
    expect(unavailable.message).not.toContain('s3cret-pw');
    expect(unavailable.url).toBe(`postgres://eventscope:***@127.0.0.1:${port}/eventscope`);
    expect(unavailable.message).toContain(unavailable.url);
    expect(unavailable.code).toBe('unavailable');
  });
});

/** A port nothing listens on: bind 0, note the port, release it. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}
