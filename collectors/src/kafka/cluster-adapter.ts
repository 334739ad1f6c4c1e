import type { Kafka } from 'kafkajs';
import type { ClusterConfig } from '@eventscope/shared';
import type { Logger } from '../logger';
import { createKafkaAdapter, type KafkaAdapter } from './adapter';
import { createWireAdapter } from './wire/wire-adapter';

/**
 * Picks the adapter once per cluster: the batched wire adapter when the brokers support the
 * batching request versions (Kafka ≥ 3.0), else kafkajs' per-group and per-topic calls.
 * Until the first successful check (the cluster may be down at start) nothing is chosen.
 */
export function createClusterAdapter(
  cluster: ClusterConfig,
  kafka: Kafka,
  options: { logger: Logger; callTimeoutMs: number },
): KafkaAdapter {
  let chosen: KafkaAdapter | undefined;

  async function choose(): Promise<KafkaAdapter> {
    if (chosen) return chosen;
    const wire = createWireAdapter(cluster, options);
    const missing = await wire.unsupported();
    if (missing) {
      options.logger.info(
        { cluster: cluster.id, missing },
        'brokers lack the batched request versions; sampling with one request per group and topic',
      );
      chosen = createKafkaAdapter(kafka, options);
    } else chosen = wire;
    return chosen;
  }

  return {
    collect: async () => (await choose()).collect(),
    reset: async () => chosen?.reset(),
    close: async () => chosen?.close(),
  };
}
