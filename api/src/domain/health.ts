import type { ClusterHealth, Health } from '@eventscope/shared';

export interface StoreStatusSource {
  readonly engine: 'pglite' | 'postgres';
  ping(): Promise<void>;
}

export interface ClusterStatusSource {
  current(): ClusterHealth;
}

export interface HealthDeps {
  store: StoreStatusSource;
  clusters: readonly ClusterStatusSource[];
  version: string;
  startedAt: Date;
}

/** Store is pinged live (cheap); clusters answer from their probes' last check. */
export async function getHealth(deps: HealthDeps): Promise<Health> {
  const store = await deps.store
    .ping()
    .then(() => ({ engine: deps.store.engine, status: 'up' as const }))
    .catch((error: unknown) => ({
      engine: deps.store.engine,
      status: 'down' as const,
      error: error instanceof Error ? error.message : 'store unreachable',
    }));
  const clusters = deps.clusters.map((c) => c.current());
  const healthy = store.status === 'up' && clusters.every((c) => c.reachable);
  return {
    status: healthy ? 'ok' : 'degraded',
    version: deps.version,
    startedAt: deps.startedAt.toISOString(),
    store,
    clusters,
  };
}
