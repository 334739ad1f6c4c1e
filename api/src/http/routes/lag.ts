import { z } from 'zod';
import {
  ClusterSnapshotSchema,
  ClusterSummarySchema,
  DlqListQuerySchema,
  DlqStatsSchema,
  GroupHistorySchema,
  GroupLagSchema,
  GroupListQuerySchema,
  GroupPageSchema,
  GroupParamsSchema,
  HistoryQuerySchema,
  TopicHistorySchema,
  TopicListQuerySchema,
  TopicParamsSchema,
  TopicSummarySchema,
  type GroupStatusCode,
} from '@eventscope/shared';
import type { ClusterStatusSource } from '../../domain/health';
import { authorize } from '../../domain/auth/principal';
import type { SnapshotRecorder } from '../../domain/lag/recorder';
import { planHistory, readHistory } from '../../domain/lag/history';
import {
  getGroup,
  getTopic,
  listDlqs,
  listGroups,
  listTopics,
  type LatestSnapshots,
} from '../../domain/lag/latest';
import type { Store } from '../../store';
import { defineRoute, type Route } from '../route';

export interface LagRouteDeps {
  latest: LatestSnapshots;
  recorder: Pick<SnapshotRecorder, 'record'>;
  store: Pick<Store, 'samples'>;
  clusters: readonly ClusterStatusSource[];
  retention: { rawHours: number };
  sampleIntervalMs: number;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function lagRoutes(deps: LagRouteDeps): Route[] {
  const plan = (query: z.infer<typeof HistoryQuerySchema>) =>
    planHistory(query, new Date(), {
      rawRetentionHours: deps.retention.rawHours,
      sampleIntervalMs: deps.sampleIntervalMs,
    });
  return [
    defineRoute({
      method: 'get',
      path: '/clusters',
      summary: 'Watched clusters: brokers, reachability, last sample, groups by status',
      access: 'viewer',
      response: z.array(ClusterSummarySchema),
      handler: () => {
        // Clusters this api probes itself, then clusters known only from agents' snapshots.
        const probed = deps.clusters.map((probe) => probe.current());
        const pushed = deps.latest
          .all()
          .filter((s) => !probed.some((h) => h.id === s.cluster))
          .map((s) => ({
            id: s.cluster,
            brokers: s.brokers,
            reachable: s.reachable,
            ...(s.error ? { error: s.error } : {}),
          }));
        return [...probed, ...pushed].map((health) => {
          const snapshot = deps.latest.get(health.id);
          const groupsByStatus: Partial<Record<GroupStatusCode, number>> = {};
          for (const g of snapshot?.groups ?? [])
            groupsByStatus[g.status.code] = (groupsByStatus[g.status.code] ?? 0) + 1;
          return {
            id: health.id,
            brokers: snapshot?.brokers.length ? snapshot.brokers : health.brokers,
            reachable: health.reachable,
            lastSampleAt: snapshot?.at ?? null,
            groupsByStatus,
            ...(health.error ? { error: health.error } : {}),
          };
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/snapshots',
      summary:
        'A collector agent pushes one cluster snapshot (operator token); not audited: telemetry',
      access: 'operator',
      bodyLimit: '32mb',
      body: ClusterSnapshotSchema,
      status: 202,
      response: z.object({ accepted: z.literal(true) }),
      async handler({ body, actor }) {
        authorize(actor, 'operator');
        await deps.recorder.record(body);
        return { accepted: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/consumer-groups',
      summary: 'Consumer groups with lag (messages and seconds) and status; filter, sort, page',
      access: 'viewer',
      query: GroupListQuerySchema,
      response: GroupPageSchema,
      handler: ({ query }) => listGroups(deps.latest, query),
    }),
    defineRoute({
      method: 'get',
      path: '/consumer-groups/:cluster/:group',
      summary: 'One group: partitions, members, status with its reason',
      access: 'viewer',
      params: GroupParamsSchema,
      response: GroupLagSchema,
      handler: ({ params }) => getGroup(deps.latest, params.cluster, params.group),
    }),
    defineRoute({
      method: 'get',
      path: '/consumer-groups/:cluster/:group/history',
      summary: 'Lag history of a group; unknown steps are null (gaps), never zero',
      access: 'viewer',
      params: GroupParamsSchema,
      query: HistoryQuerySchema,
      response: GroupHistorySchema,
      handler: ({ params, query }) =>
        readHistory(
          plan(query),
          (p) => deps.store.samples.groupHistory(params.cluster, params.group, p, p.source),
          (at, row) => ({
            at,
            lagMessages: row ? num(row.lag_messages) : null,
            lagSeconds: row?.lag_seconds ?? null,
            status: (row?.status as GroupStatusCode | null | undefined) ?? null,
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/topics',
      summary: 'Topics with throughput, event size percentiles, linked DLQs and groups',
      access: 'viewer',
      query: TopicListQuerySchema,
      response: z.array(TopicSummarySchema),
      handler: ({ query }) => listTopics(deps.latest, query),
    }),
    defineRoute({
      method: 'get',
      path: '/topics/:cluster/:topic',
      summary: 'One topic',
      access: 'viewer',
      params: TopicParamsSchema,
      response: TopicSummarySchema,
      handler: ({ params }) => getTopic(deps.latest, params.cluster, params.topic),
    }),
    defineRoute({
      method: 'get',
      path: '/topics/:cluster/:topic/history',
      summary: 'Throughput and event size history of a topic',
      access: 'viewer',
      params: TopicParamsSchema,
      query: HistoryQuerySchema,
      response: TopicHistorySchema,
      handler: ({ params, query }) =>
        readHistory(
          plan(query),
          (p) => deps.store.samples.topicHistory(params.cluster, params.topic, p, p.source),
          (at, row) => ({
            at,
            messagesPerSecond: row?.messages_per_second ?? null,
            bytesPerSecond: row?.bytes_per_second ?? null,
            sizeP50: row?.size_p50 ?? null,
            sizeP95: row?.size_p95 ?? null,
            sizeP99: row?.size_p99 ?? null,
            sizeMax: row?.size_max ?? null,
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/dlqs',
      summary: 'Dead-letter topics: depth, oldest age, inflow, source topics, error classes',
      access: 'viewer',
      query: DlqListQuerySchema,
      response: z.array(DlqStatsSchema),
      handler: ({ query }) => listDlqs(deps.latest, query),
    }),
  ];
}
