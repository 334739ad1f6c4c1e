/**
 * Test-only helpers for the replay integration suites: a DLQ full of Spring and Connect dead
 * letters on the harness broker, and a small JSON client for the api.
 */
import type { produceAll } from '@eventscope/collectors/testing';
import { createTopics, deadLetterHeaders, testCluster } from '@eventscope/collectors/testing';
import type { ClusterConfig } from '@eventscope/shared';
import type { createTestKafka } from '@eventscope/tools/kafka';
import { uniqueName } from '@eventscope/tools/kafka';

export const POISON = 'com.shop.PoisonPayment';
export const STATE = 'java.lang.IllegalStateException';

export type TestKafka = ReturnType<typeof createTestKafka>;
type Produced = Parameters<typeof produceAll>[2][number];

export interface Shop {
  cluster: ClusterConfig;
  orders: string;
  payments: string;
  dlq: string;
}

/** Topics `…-orders`, `…-payments` and the DLQ `…-payments-dlt` (3 partitions). */
export async function shopTopics(kafka: TestKafka, cluster: ClusterConfig): Promise<Shop> {
  const base = uniqueName('shop');
  const shop = {
    cluster,
    orders: `${base}-orders`,
    payments: `${base}-payments`,
    dlq: `${base}-payments-dlt`,
  };
  await createTopics(kafka, [
    { topic: shop.orders, numPartitions: 2 },
    { topic: shop.payments, numPartitions: 3 },
    { topic: shop.dlq, numPartitions: 3 },
  ]);
  return shop;
}

/**
 * `count` dead letters: Spring headers on even records, Connect on odd ones; origin `orders`
 * for every fifth, `payments` otherwise; error class POISON for i % 4 < 2, STATE otherwise.
 */
export function deadLetters(
  shop: Shop,
  count: number,
  extra: (i: number) => Partial<Produced> = () => ({}),
): Produced[] {
  return Array.from({ length: count }, (_, i) => ({
    partition: i % 3,
    key: `key-${i}`,
    value: JSON.stringify({ i, card: `4111-${i}` }),
    headers: {
      ...deadLetterHeaders({
        convention: i % 2 === 0 ? 'spring' : 'connect',
        originTopic: i % 5 === 0 ? shop.orders : shop.payments,
        originPartition: i % 2,
        originOffset: i,
        errorClass: i % 4 < 2 ? POISON : STATE,
      }),
      'x-correlation-id': `corr-${i}`,
    },
    ...extra(i),
  }));
}

export function clusterFor(brokers: string[]): ClusterConfig {
  return testCluster(brokers, 5000);
}

export interface Api {
  get<T = unknown>(path: string, token?: string): Promise<{ status: number; body: T }>;
  post<T = unknown>(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
}

export function apiClient(url: string, defaultToken: string): Api {
  const call = async <T>(method: string, path: string, body: unknown, token: string) => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    get: (path, token = defaultToken) => call('GET', path, undefined, token),
    post: (path, body, token = defaultToken) => call('POST', path, body, token),
  };
}
