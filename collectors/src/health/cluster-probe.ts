import type { Admin } from 'kafkajs';
import type { ClusterConfig, ClusterHealth } from '@eventscope/shared';
import { createKafka } from '../kafka/client';
import type { Logger } from '../logger';
import { withTimeout } from '../timeout';

export interface ClusterProbe {
  readonly id: string;
  /** The last known reachability; `checkedAt` null until the first check ends. */
  current(): ClusterHealth;
  check(): Promise<ClusterHealth>;
  start(): void;
  stop(): Promise<void>;
}

export interface ClusterProbeOptions {
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
  /** Called when reachability changes (and after the first check). */
  onChange?: (health: ClusterHealth) => void;
}

/**
 * Checks a cluster's reachability with a metadata round trip on an interval, so that
 * /api/health answers from memory and never waits on (or hammers) a broker that is down.
 * A failed check drops the admin connection; the next check reconnects from scratch,
 * which is how the probe recovers by itself when the broker returns.
 */
export function createClusterProbe(
  cluster: ClusterConfig,
  options: ClusterProbeOptions,
): ClusterProbe {
  const logger = options.logger.child({ cluster: cluster.id });
  const now = options.now ?? (() => new Date());
  const kafka = createKafka(cluster, logger);
  let admin: Admin | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<ClusterHealth> | undefined;
  let state: ClusterHealth = {
    id: cluster.id,
    brokers: cluster.brokers,
    reachable: false,
    latencyMs: null,
    brokersUp: null,
    checkedAt: null,
  };

  async function dropAdmin(): Promise<void> {
    const old = admin;
    admin = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  async function runCheck(): Promise<ClusterHealth> {
    const before = state;
    const started = performance.now();
    try {
      admin ??= kafka.admin({ retry: { retries: 0 } });
      await withTimeout(admin.connect(), cluster.requestTimeoutMs, 'connect');
      const described = await withTimeout(
        admin.describeCluster(),
        cluster.requestTimeoutMs,
        'describeCluster',
      );
      const wasDown = state.checkedAt !== null && !state.reachable;
      state = {
        id: cluster.id,
        brokers: cluster.brokers,
        reachable: true,
        latencyMs: Math.round(performance.now() - started),
        brokersUp: described.brokers.length,
        checkedAt: now().toISOString(),
      };
      if (wasDown) logger.info({ brokersUp: state.brokersUp }, 'cluster reachable again');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (state.reachable || state.checkedAt === null)
        logger.warn({ err: message }, 'cluster unreachable');
      state = {
        ...state,
        reachable: false,
        latencyMs: null,
        brokersUp: null,
        checkedAt: now().toISOString(),
        error: message,
      };
      await dropAdmin();
    }
    if (before.checkedAt === null || before.reachable !== state.reachable)
      options.onChange?.(state);
    return state;
  }

  function check(): Promise<ClusterHealth> {
    inFlight ??= runCheck().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    id: cluster.id,
    current: () => state,
    check,
    start() {
      if (timer) return;
      void check();
      timer = setInterval(() => void check(), options.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
      await dropAdmin();
    },
  };
}
