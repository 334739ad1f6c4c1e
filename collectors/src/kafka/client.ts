import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { ClusterConfig } from '@eventscope/shared';
import type { Logger } from '../logger';

/**
 * kafkajs logs through console by default; route it into our logger instead so that
 * output is structured and passes the same secret redaction. kafkajs ERROR lines for
 * retriable conditions (coordinator loading, broker down) are expected noise: warn.
 */
function kafkaLogCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, ...extra } = log;
      const entry = { kafkajs: namespace, ...extra };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry, message);
      else logger.debug(entry, message);
    };
}

function saslOptions(cluster: ClusterConfig): SASLOptions | undefined {
  const sasl = cluster.sasl;
  if (!sasl) return undefined;
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password };
}

/** Builds a kafkajs client from a validated cluster config, with timeouts on every call. */
export function createKafka(cluster: ClusterConfig, logger: Logger): Kafka {
  const sasl = saslOptions(cluster);
  const ssl = cluster.ssl
    ? {
        rejectUnauthorized: cluster.sslRejectUnauthorized,
        ...(cluster.sslCaFile ? { ca: [readFileSync(cluster.sslCaFile, 'utf8')] } : {}),
      }
    : undefined;
  const config: KafkaConfig = {
    clientId: cluster.clientId,
    brokers: cluster.brokers,
    connectionTimeout: Math.min(cluster.requestTimeoutMs, 3000),
    requestTimeout: cluster.requestTimeoutMs,
    enforceRequestTimeout: true,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger.child({ cluster: cluster.id })),
    ...(sasl ? { sasl } : {}),
    ...(ssl ? { ssl } : {}),
  };
  return new Kafka(config);
}
