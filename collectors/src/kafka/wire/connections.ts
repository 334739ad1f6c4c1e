import { readFileSync } from 'node:fs';
import { ConnectionPool, type Broker, type ConnectionOptions } from '@platformatic/kafka';
import type { ClusterConfig } from '@eventscope/shared';

const mechanisms = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
} as const;

/** "host:port" → a broker address; IPv6 literals in brackets. */
export function parseBroker(address: string): Broker {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (!match?.[1] || !match[2]) throw new Error(`not a host:port broker address: ${address}`);
  return { host: match[1], port: Number(match[2]) };
}

/**
 * One connection per broker, with the cluster's timeouts, TLS and SASL settings. `role` ends
 * the client id the broker sees (`<clientId>-wire`, `<clientId>-replay`).
 */
export function createConnectionPool(cluster: ClusterConfig, role = 'wire'): ConnectionPool {
  const options: ConnectionOptions = {
    connectTimeout: Math.min(cluster.requestTimeoutMs, 3000),
    requestTimeout: cluster.requestTimeoutMs,
    ...(cluster.ssl
      ? {
          tls: {
            rejectUnauthorized: cluster.sslRejectUnauthorized,
            ...(cluster.sslCaFile ? { ca: [readFileSync(cluster.sslCaFile, 'utf8')] } : {}),
          },
        }
      : {}),
    ...(cluster.sasl
      ? {
          sasl: {
            mechanism: mechanisms[cluster.sasl.mechanism],
            username: cluster.sasl.username,
            password: cluster.sasl.password,
          },
        }
      : {}),
  };
  return new ConnectionPool(`${cluster.clientId}-${role}`, options);
}
