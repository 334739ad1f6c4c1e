import type { ClusterConfig, ClusterSnapshot } from '@eventscope/shared';
import type { Logger } from '../logger';
import { createSampler, type Sampler } from '../sampler';

export interface AgentOptions {
  cluster: ClusterConfig;
  apiUrl: string;
  token: string;
  intervalMs: number;
  logger: Logger;
  pushTimeoutMs?: number;
}

export interface Agent {
  start(): void;
  stop(): Promise<void>;
  /** Snapshots the api accepted so far. */
  readonly pushed: number;
}

/**
 * The scale-out path of DESIGN.md: samples one cluster where it runs and pushes each snapshot
 * to a remote api (POST /api/snapshots with an operator token). A failed push is logged and
 * dropped: the next sample supersedes it, and history keeps a gap rather than a backlog.
 */
export function createAgent(options: AgentOptions): Agent {
  const log = options.logger.child({ component: 'agent', cluster: options.cluster.id });
  const endpoint = `${options.apiUrl}/api/snapshots`;
  let pushed = 0;
  let lastFailure: string | undefined;

  async function push(snapshot: ClusterSnapshot): Promise<void> {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(snapshot),
        signal: AbortSignal.timeout(options.pushTimeoutMs ?? 10_000),
      });
      if (!res.ok)
        throw new Error(
          `the api answered ${res.status}${res.status === 401 || res.status === 403 ? ' (the token needs the operator role)' : ''}`,
        );
      pushed += 1;
      if (lastFailure) log.info({ after: lastFailure }, 'pushing snapshots again');
      lastFailure = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastFailure)
        log.warn(
          { err: message, endpoint },
          'could not push a snapshot; will retry with the next sample',
        );
      lastFailure = message;
    }
  }

  const sampler: Sampler = createSampler(options.cluster, {
    intervalMs: options.intervalMs,
    logger: log,
    onSnapshot: push,
  });
  return {
    start: () => sampler.start(),
    stop: () => sampler.stop(),
    get pushed() {
      return pushed;
    },
  };
}
