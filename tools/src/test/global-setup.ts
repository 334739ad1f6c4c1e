/**
 * Vitest globalSetup: one real Kafka and one PostgreSQL for the whole test run, shared by every
 * project through `inject(...)` (keys in provided-context.ts). A service that cannot start fails
 * the run; suites are never silently skipped.
 */
import type { TestProject } from 'vitest/node';
import { startKafka } from '../kafka/index';
import { startPostgres } from '../postgres/index';
import type {} from './provided-context';

interface Service {
  stop(): Promise<void>;
}

async function stopAll(services: Service[]): Promise<void> {
  const results = await Promise.allSettled(services.map((service) => service.stop()));
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length > 0)
    throw new AggregateError(
      failures.map((f) => f.reason),
      'test services did not stop cleanly',
    );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const databaseUrl = process.env.DATABASE_URL;
  // Both start in parallel; if either fails, the other is stopped before the error is reported.
  const [kafka, postgres] = await Promise.allSettled([
    startKafka(),
    databaseUrl ? Promise.resolve(undefined) : startPostgres(),
  ]);
  const running = [kafka, postgres].flatMap((r) =>
    r.status === 'fulfilled' && r.value ? [r.value] : [],
  );
  if (kafka.status === 'rejected' || postgres.status === 'rejected') {
    await stopAll(running).catch(() => undefined);
    const reason: unknown =
      kafka.status === 'rejected' ? kafka.reason : (postgres as PromiseRejectedResult).reason;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }

  const url = databaseUrl ?? postgres.value?.url;
  if (!url) throw new Error('PostgreSQL did not report a connection URL');
  project.provide('kafkaBrokers', kafka.value.brokers);
  project.provide('kafkaPort', kafka.value.port);
  project.provide('kafkaControllerPort', kafka.value.controllerPort);
  project.provide('kafkaDataDir', kafka.value.dataDir);
  project.provide('databaseUrl', url);
  console.log(
    `test services ready in ${Date.now() - started} ms: kafka ${kafka.value.brokers.join(',')}`,
  );

  return () => stopAll(running);
}
