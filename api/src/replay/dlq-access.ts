import {
  createDlqKafka,
  CursorError,
  renderDlqMessage,
  sourceOfDlqName,
  TargetMissingError,
  type DlqKafka,
  type DlqRecord,
  type RenderMask,
} from '@eventscope/collectors';
import type { ClusterConfig, DlqMessage } from '@eventscope/shared';
import {
  BadRequestError,
  ConflictError,
  DomainError,
  NotFoundError,
  UnavailableError,
} from '../domain/errors';
import type { LatestSnapshots } from '../domain/lag/latest';
import type { Masker } from '../domain/masking';
import type { Logger } from '../logging';

/**
 * The api's way to a cluster's DLQs: one client per configured cluster, the checks every DLQ
 * action starts with (the cluster is ours, the topic exists and is a DLQ), Kafka failures as
 * domain errors, and dead letters rendered through the configured masking.
 */

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Calls Kafka; anything but a domain error becomes a 503 naming the cluster (or 400/409 when it is the caller's). */
export async function onKafka<T>(cluster: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof CursorError) throw new BadRequestError(error.message);
    if (error instanceof TargetMissingError)
      throw new ConflictError(error.message, { missingTopics: error.topics });
    throw new UnavailableError(
      `cluster "${cluster}" did not answer while ${what}: ${message(error)}`,
    );
  }
}

export interface DlqAccess {
  /** The cluster's client, or undefined when the cluster is not configured here. */
  kafka(cluster: string): DlqKafka | undefined;
  /** The cluster's client once the topic is known to be a DLQ there; 404 otherwise. */
  requireDlq(cluster: string, topic: string): Promise<DlqKafka>;
  render(record: DlqRecord): DlqMessage;
  clusters(): string[];
  close(): Promise<void>;
}

export function createDlqAccess(opts: {
  clusters: readonly ClusterConfig[];
  logger: Logger;
  masker: Masker;
  latest?: LatestSnapshots;
  kafkaFor?: (cluster: ClusterConfig) => DlqKafka;
}): DlqAccess {
  const kafkas = new Map<string, DlqKafka>(
    opts.clusters.map((c) => [
      c.id,
      opts.kafkaFor ? opts.kafkaFor(c) : createDlqKafka(c, { logger: opts.logger }),
    ]),
  );
  const mask: RenderMask = {
    json: (v) => opts.masker.maskJson(v),
    text: (t) => opts.masker.maskText(t),
    headers: (h) => opts.masker.maskHeaders(h),
  };
  return {
    kafka: (cluster) => kafkas.get(cluster),
    async requireDlq(cluster, topic) {
      const kafka = kafkas.get(cluster);
      if (!kafka) throw new NotFoundError(`cluster "${cluster}"`);
      const topics = await onKafka(cluster, 'listing topics', () => kafka.topics());
      // A DLQ by the naming conventions, or one the samplers found (by its headers too).
      const found = opts.latest?.get(cluster)?.dlqs.some((d) => d.topic === topic) ?? false;
      if (!topics.includes(topic) || !(found || sourceOfDlqName(topic) !== null))
        throw new NotFoundError(`DLQ "${topic}" on cluster "${cluster}"`);
      return kafka;
    },
    render: (record) => renderDlqMessage(record, mask),
    clusters: () => [...kafkas.keys()],
    async close() {
      await Promise.all([...kafkas.values()].map((k) => k.close()));
    },
  };
}
