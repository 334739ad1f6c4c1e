import type { ClusterSnapshot, GroupLag } from '@eventscope/shared';

/**
 * The snapshot of a cluster that could not be reached: the groups seen last are listed with
 * status UNKNOWN and every lag null — unknown is never reported as zero.
 */
export function unreachableSnapshot(input: {
  cluster: string;
  at: string;
  error: string;
  previous: ClusterSnapshot | undefined;
  requests: number;
  durationMs: number;
}): ClusterSnapshot {
  const groups: GroupLag[] = (input.previous?.groups ?? []).map((g) => ({
    ...g,
    state: 'Unknown',
    members: [],
    lagMessages: null,
    lagSeconds: null,
    lagSecondsIsLowerBound: false,
    partitions: g.partitions.map((p) => ({
      ...p,
      startOffset: null,
      endOffset: null,
      committedOffset: null,
      lagMessages: null,
      lagSeconds: null,
      lagSecondsIsLowerBound: false,
      memberId: null,
      clientId: null,
      host: null,
    })),
    status: { code: 'UNKNOWN', reason: `the cluster is unreachable (${input.error}); lag unknown` },
  }));
  return {
    cluster: input.cluster,
    at: input.at,
    reachable: false,
    error: input.error,
    brokers: [],
    groups,
    topics: [],
    dlqs: [],
    requests: input.requests,
    durationMs: input.durationMs,
  };
}
