/**
 * Installs the Apache Kafka broker jars with Maven (tools/kafka/pom.xml) into a per-user cache
 * outside the work tree, so every checkout and every test run shares one download.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const KAFKA_VERSION = '4.4.0';
const POM = fileURLToPath(new URL('../../kafka/pom.xml', import.meta.url));
const LOCK_WAIT_MS = 10 * 60_000;

/** `${EVENTSCOPE_CACHE_DIR:-~/.cache/eventscope}/kafka-<version>`; `libs/` inside holds the jars. */
export function kafkaHome(): string {
  const cache = process.env.EVENTSCOPE_CACHE_DIR ?? join(homedir(), '.cache', 'eventscope');
  return join(cache, `kafka-${KAFKA_VERSION}`);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** `java -version` writes e.g. `openjdk version "17.0.15"` (or `"1.8.0_392"` for Java 8) to stderr. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

async function checkJava(): Promise<void> {
  const hint =
    'Java 17+ is required to run the bundled Kafka: apt-get install openjdk-17-jre-headless';
  let output: string;
  try {
    const { stdout, stderr } = await run('java', ['-version']);
    output = stderr + stdout;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new Error(hint, { cause: error });
    throw error;
  }
  const major = parseJavaMajor(output);
  if (major === undefined || major < 17) {
    throw new Error(`${hint} (found ${output.split('\n')[0] ?? 'an unknown java'})`);
  }
}

async function checkMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) {
      throw new Error(
        'Maven is required to download the bundled Kafka (first run only): apt-get install maven',
        { cause: error },
      );
    }
    throw error;
  }
}

/** The marker records the pom's hash, so editing the pom (e.g. a dependency bump) reinstalls. */
async function pomHash(): Promise<string> {
  return createHash('sha256')
    .update(await readFile(POM))
    .digest('hex');
}

async function isInstalled(home: string, hash: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(home, 'installed.json'), 'utf8')) as {
      pomSha256?: unknown;
    };
    return marker.pomSha256 === hash;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

/** A lock file created with O_EXCL holding the owner's pid; a lock whose owner died is taken over. */
async function withLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    // An empty lock older than a few seconds means its owner crashed between create and write.
    if ((owner > 0 && !isAlive(owner)) || (!owner && age > 5000)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for another Kafka install (lock ${lockPath})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function download(home: string, hash: string): Promise<void> {
  await checkMaven();
  // Maven writes into a private directory that is renamed into place only when complete,
  // so a crash or a failed download never leaves a half-filled libs/ behind.
  const partial = join(home, `libs.partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        POM,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${partial}`,
        '-DincludeScope=runtime',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    const output =
      error instanceof Error ? String((error as { stdout?: unknown }).stdout ?? '') : '';
    const tail = output.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `Maven could not download Kafka ${KAFKA_VERSION} (is Maven Central reachable?)\n${tail}`,
      { cause: error },
    );
  }
  const libs = join(home, 'libs');
  await rm(libs, { recursive: true, force: true });
  await rename(partial, libs);
  await writeFile(
    join(home, 'installed.json'),
    JSON.stringify({
      version: KAFKA_VERSION,
      pomSha256: hash,
      installedAt: new Date().toISOString(),
    }),
  );
}

/**
 * Makes sure Java 17+ is present and the Kafka jars are in the cache (downloading them with
 * Maven on first use). Idempotent and safe to call from concurrent processes. Returns the libs dir.
 */
export async function ensureKafkaInstalled(): Promise<string> {
  await checkJava();
  const home = kafkaHome();
  const libs = join(home, 'libs');
  const hash = await pomHash();
  if (await isInstalled(home, hash)) return libs;
  await mkdir(home, { recursive: true });
  await withLock(join(home, 'install.lock'), async () => {
    // Another process may have finished the install while we waited for the lock.
    if (!(await isInstalled(home, hash))) await download(home, hash);
  });
  return libs;
}
