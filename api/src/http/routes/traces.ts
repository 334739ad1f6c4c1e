import { z } from 'zod';
import {
  TimelineSchema,
  TraceSearchSchema,
  TraceSummarySchema,
  type Timeline,
} from '@eventscope/shared';
import type { Masker } from '../../domain/masking';
import type { Queryable } from '../../store';
import { getTimeline, searchTraces } from '../../traces';
import { defineRoute, type Route } from '../route';

const TraceIdParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(512)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters'),
});

type Attributes = Timeline['spans'][number]['attributes'];

/** Span attributes may carry payload fields and header values: they pass the masking rules. */
function masked(timeline: Timeline, masker: Masker): Timeline {
  const mask = (attributes: Attributes) => masker.maskJson(attributes) as Attributes;
  return {
    ...timeline,
    spans: timeline.spans.map((span) => ({
      ...span,
      attributes: mask(span.attributes),
      links: span.links.map((link) => ({ ...link, attributes: mask(link.attributes) })),
    })),
  };
}

export function traceRoutes(deps: { db: Queryable; masker: Masker }): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/traces',
      summary: 'Find traces by correlation id, trace id, service, topic, time, errors, duration',
      access: 'viewer',
      query: TraceSearchSchema,
      response: z.array(TraceSummarySchema),
      handler: ({ query }) => searchTraces(deps.db, query),
    }),
    defineRoute({
      method: 'get',
      path: '/traces/:id',
      summary: 'The timeline of a trace id or a correlation id, following span links across traces',
      access: 'viewer',
      params: TraceIdParams,
      response: TimelineSchema,
      handler: async ({ params }) => masked(await getTimeline(deps.db, params.id), deps.masker),
    }),
  ];
}
