import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const DEBIAN_ROOT = '/usr/lib/postgresql';

export interface PostgresBinaries {
  version: number;
  initdb: string;
  pgCtl: string;
}

/** Debian installs each major version side by side (/usr/lib/postgresql/<major>/bin); take the newest. */
export function findBinaries(root = DEBIAN_ROOT): PostgresBinaries {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  const version = versions[0];
  if (version === undefined) {
    throw new Error('PostgreSQL server binaries not found: apt-get install postgresql');
  }
  const bin = join(root, String(version), 'bin');
  return { version, initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
}

/** The OS account the server runs as, and how to run a command as it. */
export interface ServerUser {
  uid: number;
  gid: number;
  /** Run a binary as the server user; rejects with its stderr when it fails. */
  exec(file: string, args: string[]): Promise<string>;
}

/**
 * PostgreSQL refuses to run as root. As root we run every server binary as the `postgres`
 * account (created by the Debian package) through runuser; otherwise as ourselves.
 */
export async function serverUser(): Promise<ServerUser> {
  const uid = process.getuid?.() ?? -1;
  const gid = process.getgid?.() ?? -1;
  if (uid !== 0) return { uid, gid, exec: execOrExplain };
  const ids = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]).catch(() => {
    throw new Error(
      'running as root needs the "postgres" OS user to run the server: apt-get install postgresql',
    );
  });
  return {
    uid: Number(ids[0].stdout.trim()),
    gid: Number(ids[1].stdout.trim()),
    exec: (file, args) => execOrExplain('runuser', ['-u', 'postgres', '--', file, ...args]),
  };
}

async function execOrExplain(file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(file, args, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const stderr = error instanceof Error && 'stderr' in error ? error.stderr : undefined;
    const detail = typeof stderr === 'string' && stderr.trim() ? stderr.trim() : String(error);
    throw new Error(`${file} ${args.join(' ')} failed: ${detail}`, { cause: error });
  }
}
