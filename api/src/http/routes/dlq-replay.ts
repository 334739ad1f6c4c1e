import { z } from 'zod';
import {
  DiscardRequestSchema,
  DiscardResultSchema,
  DlqMessagePageSchema,
  DlqMessagesQuerySchema,
  DlqParamsSchema,
  ReplayAcceptedSchema,
  ReplayDryRunSchema,
  ReplayListQuerySchema,
  ReplayParamsSchema,
  ReplayRequestSchema,
  ReplaySchema,
} from '@eventscope/shared';
import type { ReplayService } from '../../replay';
import { sourceOf } from '../auth';
import { defineRoute, type Route } from '../route';

/** DLQ browse, replay and discard (issue #7); the domain lives in api/src/replay. */
export function dlqReplayRoutes(replays: ReplayService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/dlqs/:cluster/:topic/messages',
      summary:
        'Page through a DLQ (newest or oldest first, by partition/offset or time); payloads masked',
      access: 'viewer',
      params: DlqParamsSchema,
      query: DlqMessagesQuerySchema,
      response: DlqMessagePageSchema,
      handler: ({ params, query, actor }) =>
        replays.browse(actor, params.cluster, params.topic, query),
    }),
    defineRoute({
      method: 'post',
      path: '/dlqs/:cluster/:topic/replays',
      summary:
        'Replay dead letters exactly once (202 with its id); with dryRun, the counts per target topic (200)',
      access: 'operator',
      params: DlqParamsSchema,
      body: ReplayRequestSchema,
      response: z.union([ReplayDryRunSchema, ReplayAcceptedSchema]),
      status: 202,
      statusOf: (result) => ('dryRun' in result ? 200 : 202),
      handler: ({ params, body, actor, req }) =>
        replays.create({ actor, source: sourceOf(req) }, params.cluster, params.topic, body),
    }),
    defineRoute({
      method: 'post',
      path: '/dlqs/:cluster/:topic/discards',
      summary: 'Mark dead letters handled without replaying them (audited); dryRun counts them',
      access: 'operator',
      params: DlqParamsSchema,
      body: DiscardRequestSchema,
      response: DiscardResultSchema,
      handler: ({ params, body, actor, req }) =>
        replays.discard({ actor, source: sourceOf(req) }, params.cluster, params.topic, body),
    }),
    defineRoute({
      method: 'get',
      path: '/replays',
      summary: 'Replays, newest first',
      access: 'viewer',
      query: ReplayListQuerySchema,
      response: z.array(ReplaySchema),
      handler: ({ query, actor }) => replays.list(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/replays/:id',
      summary: 'One replay: status, counts, rate and ETA',
      access: 'viewer',
      params: ReplayParamsSchema,
      response: ReplaySchema,
      handler: ({ params, actor }) => replays.get(actor, params.id),
    }),
    ...(['cancel', 'pause', 'resume'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/replays/:id/${action}`,
        summary:
          action === 'cancel'
            ? 'Cancel a replay: it stops within one batch; what was replayed stays replayed'
            : action === 'pause'
              ? 'Pause a replay after its current batch'
              : 'Resume a paused replay',
        access: 'operator',
        params: ReplayParamsSchema,
        response: ReplaySchema,
        handler: ({ params, actor, req }) =>
          replays[action]({ actor, source: sourceOf(req) }, params.id),
      }),
    ),
  ];
}
