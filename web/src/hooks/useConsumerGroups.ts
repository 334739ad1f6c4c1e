import {
  GroupHistorySchema,
  GroupLagSchema,
  GroupPageSchema,
  type GroupSortSchema,
  type GroupStatusCode,
} from '@eventscope/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, withQuery } from '../api/client';
import { clusterScope } from '../lib/clusterScope';
import { rangeWindow, type TimeRange } from '../lib/timeRange';

export type GroupSort = z.infer<typeof GroupSortSchema>;
export type SortOrder = 'asc' | 'desc';

export interface GroupListParams {
  cluster: string | null;
  status: readonly GroupStatusCode[];
  q: string;
  sort: GroupSort;
  order: SortOrder;
  limit: number;
}

/** The largest page the api serves; the table virtualises, so one page is the whole list. */
export const GROUP_LIST_LIMIT = 5000;

const enc = encodeURIComponent;

/** Keys start with ['consumer-groups', cluster] so a sample of that cluster refreshes them. */
export const groupKeys = {
  all: ['consumer-groups'] as const,
  scope: (cluster: string | null) => [...groupKeys.all, clusterScope(cluster)] as const,
  list: (p: GroupListParams) => [...groupKeys.scope(p.cluster), 'list', p] as const,
  detail: (cluster: string, group: string) =>
    [...groupKeys.scope(cluster), 'detail', group] as const,
  history: (cluster: string, group: string, range: TimeRange) =>
    [...groupKeys.scope(cluster), 'history', group, range] as const,
};

export function groupPath(cluster: string, group: string): string {
  return `/api/consumer-groups/${enc(cluster)}/${enc(group)}`;
}

export function useGroupList(params: GroupListParams) {
  return useQuery({
    queryKey: groupKeys.list(params),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery('/api/consumer-groups', {
          cluster: params.cluster,
          status: params.status.join(','),
          q: params.q.trim(),
          sort: params.sort,
          order: params.order,
          limit: params.limit,
        }),
        GroupPageSchema,
        { signal },
      ),
    // Typing in the filter keeps the previous rows on screen instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useGroup(cluster: string, group: string) {
  return useQuery({
    queryKey: groupKeys.detail(cluster, group),
    queryFn: ({ signal }) => apiGet(groupPath(cluster, group), GroupLagSchema, { signal }),
  });
}

/** The window is computed when fetching, so each refresh slides it forward to now. */
export function useGroupHistory(
  cluster: string,
  group: string,
  range: TimeRange,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    enabled,
    queryKey: groupKeys.history(cluster, group, range),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery(`${groupPath(cluster, group)}/history`, rangeWindow(range)),
        GroupHistorySchema,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}
