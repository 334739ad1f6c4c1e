/**
 * `npm run kafka:install` downloads the broker; `npm run kafka:start [-- --port N --data-dir DIR]`
 * runs one in the foreground until Ctrl-C. Without --data-dir the storage is temporary.
 */
import { parseArgs } from 'node:util';
import { ensureKafkaInstalled, KAFKA_VERSION } from './install';
import { startKafka } from './local-kafka';

function usage(): never {
  console.error('usage: cli.ts install | start [--port N] [--controller-port N] [--data-dir DIR]');
  process.exit(2);
}

function toPort(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${flag} must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}

async function install(): Promise<void> {
  const started = Date.now();
  const libs = await ensureKafkaInstalled();
  console.log(
    `Kafka ${KAFKA_VERSION} is installed in ${libs} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'controller-port': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const port = toPort(values.port, '--port');
  const controllerPort = toPort(values['controller-port'], '--controller-port');
  const dataDir = values['data-dir'];
  const started = Date.now();
  const kafka = await startKafka({
    ...(port ? { port } : {}),
    ...(controllerPort ? { controllerPort } : {}),
    ...(dataDir ? { dataDir, reuseStorage: true } : {}),
  });
  console.log(
    `Kafka ${KAFKA_VERSION} started in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${kafka.pid})`,
  );
  console.log(`bootstrap: ${kafka.brokers.join(',')}`);
  console.log(`broker log: ${kafka.logFile}`);
  console.log('Press Ctrl-C to stop.');

  const shutdown = (): void => {
    console.log('\nStopping Kafka…');
    kafka.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'install') await install();
  else if (command === 'start') await start(rest);
  else usage();
} catch (error) {
  // The first line says what is wrong (e.g. what to install); the rest is the broker log tail.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
