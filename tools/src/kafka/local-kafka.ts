/**
 * Starts a real single-node Apache Kafka (KRaft) in a child JVM, for `npm start`, the CLI and
 * the test harness. The caller gets a handle whose stop() never leaves a JVM behind.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { log4j2Xml, serverProperties } from './config';
import { ensureKafkaInstalled } from './install';
import { freePort, isPortFree } from './ports';

const run = promisify(execFile);

export interface StartKafkaOptions {
  /** Client (PLAINTEXT) port; default: the port used last time in dataDir if free, else a free one. */
  port?: number;
  /** KRaft controller port; chosen like `port`. */
  controllerPort?: number;
  /** Holds config, storage and logs. Default: a new temp dir that stop() deletes. A given dir is never deleted. */
  dataDir?: string;
  /** Where broker.log and jvm.log are written; default: dataDir. */
  logDir?: string;
  /** Keep the storage already formatted in dataDir (restart after stop). Default: wipe and format afresh. */
  reuseStorage?: boolean;
  /** How long to wait for the broker to answer; default 60 s. */
  startTimeoutMs?: number;
}

export interface LocalKafka {
  /** Bootstrap addresses, e.g. ['127.0.0.1:39123']. */
  brokers: string[];
  port: number;
  controllerPort: number;
  dataDir: string;
  /** The broker's own log (WARN+ and start/stop lines). */
  logFile: string;
  pid: number;
  /** SIGTERM, up to 15 s for a clean shutdown, then SIGKILL. Idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;
// The format tool runs for about a second: C1-only JIT and the serial GC start it ~30% faster.
const SHORT_LIVED_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** Kafka's Uuid.toString(): unpadded base64url of 16 random bytes, never starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

interface SavedPorts {
  port?: number;
  controllerPort?: number;
}

/** Reusing last run's ports keeps the bootstrap address stable across restarts of one dataDir. */
async function choosePort(
  wanted: number | undefined,
  previous: number | undefined,
): Promise<number> {
  if (wanted !== undefined) {
    if (!(await isPortFree(wanted)))
      throw new Error(`Kafka cannot start: port ${wanted} is already in use`);
    return wanted;
  }
  if (previous !== undefined && (await isPortFree(previous))) return previous;
  return freePort();
}

async function tail(files: string[], lines = 40): Promise<string> {
  const parts = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.trim() ? `--- ${file}\n${text.trim().split('\n').slice(-lines).join('\n')}` : '';
    }),
  );
  return parts.filter(Boolean).join('\n') || '(the broker wrote no log)';
}

/**
 * Kills the JVM if this Node process dies without calling stop() (SIGKILL, crash, a runner
 * killed on timeout), where no 'exit' handler runs. Polls the parent once a second, and
 * removes the temp data dir stop() would have removed.
 */
function spawnWatchdog(jvmPid: number, tempDir: string | undefined): ChildProcess {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do kill -0 ${jvmPid} 2>/dev/null || exit 0; sleep 1; done`,
    `kill -TERM ${jvmPid} 2>/dev/null || exit 0`,
    `i=0; while kill -0 ${jvmPid} 2>/dev/null; do i=$((i+1)); [ $i -gt 15 ] && kill -KILL ${jvmPid}; sleep 1; done`,
    tempDir ? `rm -rf '${tempDir.replace(/'/g, `'\\''`)}'` : '',
  ].join('\n');
  // Own process group: a Ctrl-C reaches the JVM directly, and the watchdog outlives us to finish the job.
  const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  watchdog.unref();
  return watchdog;
}

/** Ready = a kafkajs admin can describe the cluster (a registered broker) and fetch metadata. */
async function waitUntilReady(
  brokers: string[],
  jvm: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'eventscope-local-kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (jvm.exitCode !== null || jvm.signalCode !== null) {
      throw new Error(`Kafka exited during start (${jvm.signalCode ?? `code ${jvm.exitCode}`})`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) {
        await admin.listTopics();
        return;
      }
      lastError = 'no broker registered yet';
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Kafka did not become ready within ${timeoutMs / 1000} s (last error: ${lastError})`,
  );
}

interface Prepared {
  port: number;
  controllerPort: number;
  propsFile: string;
  logFile: string;
  jvmLog: string;
  jvmArgs: string[];
}

/** Picks ports, writes the config files and formats the storage unless it is reused. */
async function prepare(
  libs: string,
  dataDir: string,
  options: StartKafkaOptions,
): Promise<Prepared> {
  const logDir = options.logDir ?? dataDir;
  const storageDir = join(dataDir, 'storage');
  await mkdir(logDir, { recursive: true });

  const portsFile = join(dataDir, 'ports.json');
  const saved = JSON.parse(await readFile(portsFile, 'utf8').catch(() => '{}')) as SavedPorts;
  const port = await choosePort(options.port, saved.port);
  const controllerPort = await choosePort(options.controllerPort, saved.controllerPort);
  await writeFile(portsFile, JSON.stringify({ port, controllerPort }));

  const propsFile = join(dataDir, 'server.properties');
  const log4jFile = join(dataDir, 'log4j2.xml');
  const logFile = join(logDir, 'broker.log');
  await writeFile(propsFile, serverProperties({ port, controllerPort, storageDir }));
  await writeFile(log4jFile, log4j2Xml(logFile));
  const jvmArgs = [
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${logDir}`,
    '-cp',
    join(libs, '*'),
  ];

  if (!options.reuseStorage || !existsSync(join(storageDir, 'meta.properties'))) {
    await rm(storageDir, { recursive: true, force: true });
    const format = ['kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', propsFile];
    await run('java', [...SHORT_LIVED_JVM, ...jvmArgs, ...format]).catch((error: unknown) => {
      throw new Error(`Kafka storage format failed in ${storageDir}: ${String(error)}`, {
        cause: error,
      });
    });
  }
  return { port, controllerPort, propsFile, logFile, jvmLog: join(logDir, 'jvm.log'), jvmArgs };
}

export async function startKafka(options: StartKafkaOptions = {}): Promise<LocalKafka> {
  const libs = await ensureKafkaInstalled();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'eventscope-kafka-')));
  let prepared: Prepared;
  try {
    prepared = await prepare(libs, dataDir, options);
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { port, controllerPort, propsFile, logFile, jvmLog, jvmArgs } = prepared;

  const out = openSync(jvmLog, 'a');
  const jvm = spawn('java', ['-Xmx512m', '-Xms128m', ...jvmArgs, 'kafka.Kafka', propsFile], {
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  // 'error' (spawn failed) may come instead of 'exit'; either way the JVM is not running.
  const exited = new Promise<void>((resolve) => {
    jvm.once('exit', () => resolve());
    jvm.once('error', () => resolve());
  });
  if (jvm.pid === undefined) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw new Error('could not spawn java for Kafka');
  }
  const pid = jvm.pid;
  const watchdog = spawnWatchdog(pid, ownsDataDir ? dataDir : undefined);
  // Best effort for a normal exit of Node (process.exit, end of event loop) without stop().
  const killOnExit = (): void => void jvm.kill('SIGKILL');
  process.on('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (jvm.exitCode === null && jvm.signalCode === null) {
        jvm.kill('SIGTERM');
        const timer = new Promise<'timeout'>((resolve) =>
          setTimeout(resolve, STOP_GRACE_MS, 'timeout').unref(),
        );
        if ((await Promise.race([exited, timer])) === 'timeout') {
          jvm.kill('SIGKILL');
          await exited;
        }
      }
      watchdog.kill();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    })());

  const brokers = [`127.0.0.1:${port}`];
  try {
    await waitUntilReady(brokers, jvm, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    const logs = await tail([logFile, jvmLog]);
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`, {
      cause: error,
    });
  }
  return { brokers, port, controllerPort, dataDir, logFile, pid, stop };
}
