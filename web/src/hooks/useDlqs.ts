import { DlqStatsSchema, type DlqStats } from '@eventscope/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, withQuery } from '../api/client';
import { clusterScope } from '../lib/clusterScope';

const DlqListSchema = z.array(DlqStatsSchema);

export const dlqKeys = {
  all: ['dlqs'] as const,
  list: (cluster: string | null) => [...dlqKeys.all, clusterScope(cluster), 'list'] as const,
};

export function useDlqs(cluster: string | null) {
  return useQuery({
    queryKey: dlqKeys.list(cluster),
    queryFn: ({ signal }) => apiGet(withQuery('/api/dlqs', { cluster }), DlqListSchema, { signal }),
  });
}

/** Non-empty first (deepest first), then empty, then those whose depth is unknown. */
export function byDepth(a: DlqStats, b: DlqStats): number {
  const rank = (d: DlqStats) => (d.depth === null ? 2 : d.depth > 0 ? 0 : 1);
  return rank(a) - rank(b) || (b.depth ?? 0) - (a.depth ?? 0) || a.topic.localeCompare(b.topic);
}

/** The nav badge: how many DLQs hold dead letters right now. */
export function useNonEmptyDlqCount(cluster: string | null): number | undefined {
  const { data } = useDlqs(cluster);
  return data?.filter((d) => d.depth !== null && d.depth > 0).length;
}
