import { TopicHistorySchema, TopicSummarySchema } from '@eventscope/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, withQuery } from '../api/client';
import { clusterScope } from '../lib/clusterScope';
import { rangeWindow, type TimeRange } from '../lib/timeRange';

const TopicListSchema = z.array(TopicSummarySchema);
const enc = encodeURIComponent;

export const topicKeys = {
  all: ['topics'] as const,
  scope: (cluster: string | null) => [...topicKeys.all, clusterScope(cluster)] as const,
  list: (cluster: string | null, q: string) =>
    [...topicKeys.scope(cluster), 'list', { q }] as const,
  detail: (cluster: string, topic: string) =>
    [...topicKeys.scope(cluster), 'detail', topic] as const,
  history: (cluster: string, topic: string, range: TimeRange) =>
    [...topicKeys.scope(cluster), 'history', topic, range] as const,
};

const topicPath = (cluster: string, topic: string) => `/api/topics/${enc(cluster)}/${enc(topic)}`;

export function useTopicList(cluster: string | null, q: string) {
  return useQuery({
    queryKey: topicKeys.list(cluster, q.trim()),
    queryFn: ({ signal }) =>
      apiGet(withQuery('/api/topics', { cluster, q: q.trim() }), TopicListSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTopic(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.detail(cluster, topic),
    queryFn: ({ signal }) => apiGet(topicPath(cluster, topic), TopicSummarySchema, { signal }),
  });
}

export function useTopicHistory(cluster: string, topic: string, range: TimeRange) {
  return useQuery({
    queryKey: topicKeys.history(cluster, topic, range),
    queryFn: ({ signal }) =>
      apiGet(
        withQuery(`${topicPath(cluster, topic)}/history`, rangeWindow(range)),
        TopicHistorySchema,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}
