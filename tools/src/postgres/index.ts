import { readFileSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findBinaries, serverUser } from './binaries';

export { createTestDatabase, type TestDatabase } from './testing';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/eventscope_test (trust auth, no password). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Fixed port; default: a free one picked by the OS. */
  port?: number;
}

const DATABASE = 'eventscope_test';
const READY_TIMEOUT_MS = 30_000;

/**
 * A throwaway PostgreSQL server for tests and local runs: fresh data dir under the OS temp
 * dir, trust auth on 127.0.0.1 only, fsync off. `stop()` shuts it down and deletes the dir.
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = findBinaries();
  const user = await serverUser();
  const root = await mkdtemp(join(tmpdir(), 'eventscope-pg-'));
  await chown(root, user.uid, user.gid);
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');

  // If the process dies without stop(), do not leave a server running (a vitest crash, ^C).
  const onExit = () => killQuietly(dataDir, root);
  process.once('exit', onExit);

  try {
    await user.exec(bin.initdb, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await writeFile(
      join(dataDir, 'pg_hba.conf'),
      'local all all trust\nhost all all 127.0.0.1/32 trust\n',
    );
    const port = await startOnFreePort(opts.port, async (candidate) => {
      await appendFile(join(dataDir, 'postgresql.conf'), serverSettings(candidate, root));
      await user.exec(bin.pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30']);
    });
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitUntilReady(adminUrl);
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${DATABASE}`));

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        process.removeListener('exit', onExit);
        await user
          .exec(bin.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w'])
          .catch(() => undefined);
        await rm(root, { recursive: true, force: true });
      })();
      return stopped;
    };
    return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, port, stop };
  } catch (error) {
    const log = readLog(logFile);
    killQuietly(dataDir, root);
    process.removeListener('exit', onExit);
    throw log ? new Error(`${String(error)}\nserver log:\n${log}`, { cause: error }) : error;
  }
}

/** Later settings in postgresql.conf win, so a retry on another port just appends again. */
function serverSettings(port: number, socketDir: string): string {
  return [
    '',
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    // Throwaway data: durability costs time and buys nothing.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    '',
  ].join('\n');
}

/**
 * Port 0 asks the OS for a free port, but it may be taken again before the server binds it:
 * retry a few times with a new one. A port the caller chose is tried once.
 */
async function startOnFreePort(
  fixed: number | undefined,
  start: (port: number) => Promise<void>,
): Promise<number> {
  const attempts = fixed === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = fixed ?? (await freePort());
    try {
      await start(port);
      return port;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** pg_ctl -w already waits, but a TCP `SELECT 1` is what our callers actually need. */
async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      await withClient(url, (c) => c.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS} ms`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Synchronous on purpose: it also runs from process 'exit', where nothing async completes. */
function killQuietly(dataDir: string, root: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // SIGQUIT = immediate shutdown: nothing here is worth a checkpoint.
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // No pid file: the server never started or already stopped.
  }
  rmSync(root, { recursive: true, force: true });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
