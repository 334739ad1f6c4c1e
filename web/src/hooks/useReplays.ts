import {
  ReplayAcceptedSchema,
  ReplayDryRunSchema,
  ReplaySchema,
  type Replay,
  type ReplayRequest,
  type ReplayStatus,
} from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, withQuery } from '../api/client';
import { auditKeys } from './useAudit';
import { dlqKeys } from './useDlqs';

/** The body of a replay as the dialog builds it: the server fills in its defaults. */
export type ReplayBody = Omit<ReplayRequest, 'dryRun' | 'maxReplayCount'> & {
  maxReplayCount?: number;
};

export interface ReplayFilters {
  cluster?: string | null;
  dlq?: string | null;
  status?: ReplayStatus | null;
  limit?: number;
}

const ReplayListSchema = z.array(ReplaySchema);
/** Pause, resume and cancel answer with the replay as it is now, or with no body. */
const ReplayControlSchema = z.union([ReplaySchema, z.undefined()]);

const dlqPath = (cluster: string, topic: string) =>
  `/api/dlqs/${encodeURIComponent(cluster)}/${encodeURIComponent(topic)}/replays`;
const replayPath = (id: string) => `/api/replays/${encodeURIComponent(id)}`;

/** Under the SSE resource `replays`: every progress event refreshes lists, details, dry runs. */
export const replayKeys = {
  all: ['replays'] as const,
  list: (filters: ReplayFilters) => [...replayKeys.all, 'list', filters] as const,
  detail: (id: string) => [...replayKeys.all, 'detail', id] as const,
  dryRun: (cluster: string, topic: string, body: ReplayBody) =>
    [...replayKeys.all, 'dry-run', cluster, topic, body] as const,
};

export const ACTIVE_STATUSES: readonly ReplayStatus[] = ['pending', 'running', 'paused'];
export const isActive = (status: ReplayStatus) => ACTIVE_STATUSES.includes(status);

/** While a replay moves, poll too: SSE may be down, and a progress bar must not freeze. */
const POLL_MS = 2_000;

export function useReplays(filters: ReplayFilters) {
  return useQuery({
    queryKey: replayKeys.list(filters),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery('/api/replays', {
          cluster: filters.cluster,
          dlq: filters.dlq,
          status: filters.status,
          limit: filters.limit,
        }),
        ReplayListSchema,
        { signal },
      ),
    refetchInterval: (query) =>
      query.state.data?.some((r) => isActive(r.status)) ? POLL_MS : false,
  });
}

export function useReplay(id: string | null) {
  return useQuery({
    queryKey: replayKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiGet(replayPath(id ?? ''), ReplaySchema, { signal }),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data && isActive(query.state.data.status) ? POLL_MS : false,
  });
}

/**
 * What a replay would do, asked again whenever the body changes: counts per target topic and
 * the records it would skip. Nothing is written, so it is a query, not a mutation.
 */
export function useReplayDryRun(cluster: string, topic: string, body: ReplayBody | null) {
  return useQuery({
    queryKey: replayKeys.dryRun(cluster, topic, body ?? { selection: { all: true } }),
    queryFn: ({ signal }) =>
      apiSend('POST', dlqPath(cluster, topic), { ...body, dryRun: true }, ReplayDryRunSchema, {
        signal,
      }),
    enabled: body !== null,
    // A dry run answers for this moment: never reuse one from an earlier opening.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useStartReplay(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplayBody) =>
      apiSend('POST', dlqPath(cluster, topic), { ...body, dryRun: false }, ReplayAcceptedSchema),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: replayKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export type ReplayAction = 'cancel' | 'pause' | 'resume';

export function useReplayControl(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ReplayAction) =>
      apiSend('POST', `${replayPath(id)}/${action}`, undefined, ReplayControlSchema),
    onSuccess: (replay: Replay | undefined) => {
      if (replay) client.setQueryData(replayKeys.detail(id), replay);
      void client.invalidateQueries({ queryKey: replayKeys.all });
      void client.invalidateQueries({ queryKey: dlqKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
