/**
 * Helpers for integration suites that run against the harness broker (tools/src/test/global-setup.ts).
 * They take the brokers from the caller (`inject('kafkaBrokers')`) instead of importing vitest
 * here, so that `npm start`, which imports this package, never loads the test runner.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type {} from '../test/provided-context';

/** A topic or group name no other suite or earlier run uses, e.g. `orders-m3x1k2-9f3a1c`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A kafkajs client for tests: quiet logs, short retries so a failing test fails fast. */
export function createTestKafka(brokers: string[], clientId = uniqueName('test')): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}
