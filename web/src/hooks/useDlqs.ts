import { DlqStatsSchema, type DlqErrorClass, type DlqStats } from '@eventscope/shared';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, withQuery } from '../api/client';
import { clusterScope } from '../lib/clusterScope';

const DlqListSchema = z.array(DlqStatsSchema);

export const dlqKeys = {
  all: ['dlqs'] as const,
  list: (cluster: string | null) => [...dlqKeys.all, clusterScope(cluster), 'list'] as const,
};

const listQuery = (cluster: string | null) => ({
  queryKey: dlqKeys.list(cluster),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet(withQuery('/api/dlqs', { cluster }), DlqListSchema, { signal }),
});

export function useDlqs(cluster: string | null) {
  return useQuery(listQuery(cluster));
}

/**
 * One DLQ, read from its cluster's list (there is no per-topic endpoint), so it shares the
 * list's cache and SSE refreshes. `data` is null when the topic is not a known DLQ there.
 */
export function useDlq(cluster: string, topic: string) {
  return useQuery({
    ...listQuery(cluster),
    select: (list: DlqStats[]) =>
      list.find((d) => d.cluster === cluster && d.topic === topic) ?? null,
  });
}

/** Non-empty first (deepest first), then empty, then those whose depth is unknown. */
export function byDepth(a: DlqStats, b: DlqStats): number {
  const rank = (d: DlqStats) => (d.depth === null ? 2 : d.depth > 0 ? 0 : 1);
  return rank(a) - rank(b) || (b.depth ?? 0) - (a.depth ?? 0) || a.topic.localeCompare(b.topic);
}

/** Most failures first; on a tie, the class seen most recently. */
export function byCount(a: DlqErrorClass, b: DlqErrorClass): number {
  return (
    b.count - a.count ||
    Date.parse(b.lastSeen) - Date.parse(a.lastSeen) ||
    a.class.localeCompare(b.class)
  );
}

/** The exception class behind most of a DLQ's dead letters, if any were read. */
export function topErrorClass(d: DlqStats): DlqErrorClass | undefined {
  return [...d.errorClasses].sort(byCount)[0];
}

/** The nav badge: how many DLQs hold dead letters right now. */
export function useNonEmptyDlqCount(cluster: string | null): number | undefined {
  const { data } = useDlqs(cluster);
  return data?.filter((d) => d.depth !== null && d.depth > 0).length;
}
