/**
 * `npm start`: the whole product on its embedded defaults. With KAFKA_BROKERS unset it
 * installs (first run) and starts a local single-node Kafka, then the api on it; with
 * KAFKA_BROKERS set it watches that cluster instead. Ctrl-C stops everything, Kafka too.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { demoOptionsFromEnv, startDemo, type DemoHandle } from '@eventscope/demo';
import { ensureKafkaInstalled, startKafka } from '@eventscope/tools/kafka';
import { startApp, StartupError, type RunningApp } from './app';
import { parseConfig, type AppConfig } from '@eventscope/shared';

const defaultKafkaPort = 9092;

function fail(message: string): never {
  process.stderr.write(`eventscope: ${message}\n`);
  process.exit(1);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function startLocalKafka(config: AppConfig) {
  process.stdout.write('Starting the bundled Apache Kafka (first run downloads it with Maven)…\n');
  try {
    await ensureKafkaInstalled();
    const port = (await isPortFree(defaultKafkaPort)) ? defaultKafkaPort : undefined;
    return await startKafka({
      dataDir: join(config.dataDir, 'kafka'),
      reuseStorage: true,
      ...(port ? { port } : {}),
    });
  } catch (error) {
    return fail(
      error instanceof Error
        ? (error.message.split('\n')[0] ?? 'Kafka failed to start')
        : String(error),
    );
  }
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  const first = parseConfig(env);
  if (!first.ok) fail(first.message);
  const demoOptions = demoOptionsFromEnv(env);
  if (!demoOptions.ok) fail(demoOptions.message);
  const kafka = env.KAFKA_BROKERS === undefined ? await startLocalKafka(first.config) : undefined;
  if (kafka) {
    Object.assign(env, {
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_CLUSTER: 'local',
      EVENTSCOPE_DEMO: 'true',
      // The demo binds 127.0.0.1 only; reading without signing in keeps the first look easy.
      EVENTSCOPE_ANONYMOUS_READ: env.EVENTSCOPE_ANONYMOUS_READ ?? 'true',
      EVENTSCOPE_OTLP_ANONYMOUS: env.EVENTSCOPE_OTLP_ANONYMOUS ?? 'true',
    });
  }
  const parsed = parseConfig(env);
  if (!parsed.ok) fail(parsed.message);

  let app: RunningApp;
  try {
    app = await startApp(parsed.config);
  } catch (error) {
    await kafka?.stop();
    return fail(
      error instanceof StartupError ? error.message : `failed to start: ${String(error)}`,
    );
  }
  let demo: DemoHandle | undefined;
  if (kafka) {
    try {
      demo = await startDemo({
        ...demoOptions.options,
        brokers: kafka.brokers,
        apiUrl: app.url,
        logger: app.logger.child({ component: 'demo' }),
      });
      app.demo.handle = demo;
    } catch (error) {
      app.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'the demo workload did not start',
      );
    }
  }
  const where = kafka
    ? `local Kafka at ${kafka.brokers.join(',')}`
    : `Kafka at ${parsed.config.clusters[0]?.brokers.join(',') ?? '?'}`;
  process.stdout.write(
    `\nEventscope is running at ${app.url} (${where}). Press Ctrl-C to stop.\n\n`,
  );

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping Eventscope…\n');
    await demo?.stop().catch(() => undefined);
    await app.stop();
    await kafka?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

await main();
