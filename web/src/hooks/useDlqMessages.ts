import {
  DiscardResultSchema,
  DlqMessagePageSchema,
  type DiscardResult,
  type DlqMessage,
  type DlqSelection,
} from '@eventscope/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, withQuery } from '../api/client';
import { auditKeys } from './useAudit';
import { dlqKeys } from './useDlqs';

/** What the message browser asks for; paging (`limit`, `cursor`) is the hook's business. */
export interface MessageBrowse {
  order: 'newest' | 'oldest';
  partition: number | null;
  offset: string | null;
  /** ISO-8601: start at the first record at or after (oldest) / at or before (newest) it. */
  at: string | null;
  errorClass: string | null;
  key: string | null;
  includeHandled: boolean;
}

export const PAGE_SIZE = 50;

const base = (cluster: string, topic: string) =>
  `/api/dlqs/${encodeURIComponent(cluster)}/${encodeURIComponent(topic)}`;

/**
 * Under the SSE resource `dlqs`: a replay or discard (or a new sample) refreshes the handled
 * marks of what is on screen.
 */
export const dlqMessageKeys = {
  all: dlqKeys.all,
  topic: (cluster: string, topic: string) => [...dlqKeys.all, cluster, 'messages', topic] as const,
  page: (cluster: string, topic: string, browse: MessageBrowse) =>
    [...dlqMessageKeys.topic(cluster, topic), 'browse', browse] as const,
  one: (cluster: string, topic: string, partition: number, offset: string) =>
    [...dlqMessageKeys.topic(cluster, topic), 'one', partition, offset] as const,
  discardDryRun: (cluster: string, topic: string, selection: DlqSelection) =>
    [...dlqMessageKeys.topic(cluster, topic), 'discard-dry-run', selection] as const,
};

export function messagesPath(
  cluster: string,
  topic: string,
  browse: MessageBrowse,
  cursor: string | null,
  limit = PAGE_SIZE,
): string {
  return withQuery(`${base(cluster, topic)}/messages`, {
    limit,
    cursor,
    order: browse.order,
    partition: browse.partition,
    offset: browse.partition === null ? null : browse.offset,
    at: browse.at,
    errorClass: browse.errorClass,
    key: browse.key,
    includeHandled: browse.includeHandled ? null : 'false',
  });
}

/** Pages of dead letters; `fetchNextPage` follows `nextCursor` ("Load more"). */
export function useDlqMessages(cluster: string, topic: string, browse: MessageBrowse) {
  return useInfiniteQuery({
    queryKey: dlqMessageKeys.page(cluster, topic, browse),
    queryFn: ({ pageParam, signal }) =>
      apiGet(messagesPath(cluster, topic, browse, pageParam), DlqMessagePageSchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * One dead letter by partition and offset, for a shared link whose message is not among the
 * loaded pages. `data` is null when the record is gone (retention) or not in this DLQ.
 */
export function useDlqMessage(
  cluster: string,
  topic: string,
  at: { partition: number; offset: string } | null,
  enabled: boolean,
) {
  const partition = at?.partition ?? 0;
  const offset = at?.offset ?? '0';
  return useQuery({
    queryKey: dlqMessageKeys.one(cluster, topic, partition, offset),
    queryFn: async ({ signal }): Promise<DlqMessage | null> => {
      const browse: MessageBrowse = {
        order: 'oldest',
        partition,
        offset,
        at: null,
        errorClass: null,
        key: null,
        includeHandled: true,
      };
      const page = await apiGet(
        messagesPath(cluster, topic, browse, null, 1),
        DlqMessagePageSchema,
        { signal },
      );
      return page.messages.find((m) => m.partition === partition && m.offset === offset) ?? null;
    },
    enabled: enabled && at !== null,
  });
}

/** How many records a discard would mark, asked again whenever the selection changes. */
export function useDiscardDryRun(cluster: string, topic: string, selection: DlqSelection) {
  return useQuery({
    queryKey: dlqMessageKeys.discardDryRun(cluster, topic, selection),
    queryFn: ({ signal }) =>
      apiSend(
        'POST',
        `${base(cluster, topic)}/discards`,
        { selection, dryRun: true },
        DiscardResultSchema,
        { signal },
      ),
    // A dry run answers for this moment: never reuse one from an earlier opening.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useDiscard(cluster: string, topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { selection: DlqSelection; comment?: string }): Promise<DiscardResult> =>
      apiSend(
        'POST',
        `${base(cluster, topic)}/discards`,
        { ...body, dryRun: false },
        DiscardResultSchema,
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: dlqKeys.all });
      void client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

/** "partition-offset": the id of a record in URLs and selections. */
export const messageId = (m: { partition: number; offset: string }) => `${m.partition}-${m.offset}`;

export function parseMessageId(id: string | null): { partition: number; offset: string } | null {
  const match = id ? /^(\d{1,6})-(\d{1,19})$/.exec(id) : null;
  if (!match?.[1] || !match[2]) return null;
  return { partition: Number(match[1]), offset: match[2] };
}
