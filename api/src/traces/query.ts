import {
  TraceIdSchema,
  TraceSearchSchema,
  type TraceSearch,
  type Timeline,
  type TraceSummary,
} from '@eventscope/shared';
import { BadRequestError, NotFoundError } from '../domain/errors';
import type { Queryable } from '../store';
import { gatherSpans, type GatherBounds } from './gather';
import { buildTimeline } from './timeline';

/** Without trace-level filters the newest `limit` candidates suffice; with them, look wider. */
const FILTERED_CANDIDATES = 5000;

interface SummaryRow {
  trace_id: string;
  started_at: Date | string;
  duration_ms: number;
  span_count: number;
  error_count: number;
  services: string[] | null;
  correlation_ids: string[] | null;
  [column: string]: unknown;
}

/**
 * Traces matching every given filter, newest first. Span-level filters (correlation id,
 * service, topic, time) select candidates through span_chunks; trace-level ones (errors,
 * duration) are checked on the aggregate of each candidate.
 */
export async function searchTraces(db: Queryable, input: TraceSearch): Promise<TraceSummary[]> {
  const parsed = TraceSearchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'query';
    throw new BadRequestError(`invalid trace search: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  const q = parsed.data;
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.traceId) where.push(`trace_id = ${param(q.traceId)}`);
  if (q.correlationId) where.push(`correlation_ids @> ARRAY[${param(q.correlationId)}::text]`);
  if (q.service) where.push(`services @> ARRAY[${param(q.service)}::text]`);
  if (q.topic) where.push(`topics @> ARRAY[${param(q.topic)}::text]`);
  if (q.from) where.push(`last_started_at >= ${param(q.from)}::timestamptz`);
  if (q.to) where.push(`first_started_at <= ${param(q.to)}::timestamptz`);
  const traceLevel = q.hasError !== undefined || q.minDurationMs !== undefined;
  const candidates = param(traceLevel ? Math.max(FILTERED_CANDIDATES, q.limit) : q.limit);
  const having: string[] = [];
  if (q.hasError !== undefined)
    having.push(`(sum(t.error_count) > 0) = ${param(q.hasError)}::boolean`);
  if (q.minDurationMs !== undefined)
    having.push(`(max(t.end_ns) - min(t.start_ns)) / 1e6 >= ${param(q.minDurationMs)}::float8`);
  const limit = param(q.limit);

  const { rows } = await db.query<SummaryRow>(
    `WITH c AS (
       SELECT trace_id, max(last_started_at) AS recent FROM span_chunks
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY trace_id ORDER BY recent DESC LIMIT ${candidates}
     )
     SELECT t.trace_id, min(t.first_started_at) AS started_at,
       ((max(t.end_ns) - min(t.start_ns)) / 1e6)::float8 AS duration_ms,
       sum(t.span_count)::int AS span_count, sum(t.error_count)::int AS error_count,
       (SELECT array_agg(DISTINCT s ORDER BY s) FROM span_chunks i, unnest(i.services) s
         WHERE i.trace_id = t.trace_id) AS services,
       (SELECT array_agg(DISTINCT x ORDER BY x) FROM span_chunks i, unnest(i.correlation_ids) x
         WHERE i.trace_id = t.trace_id) AS correlation_ids
     FROM span_chunks t JOIN c ON c.trace_id = t.trace_id
     GROUP BY t.trace_id
     ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}
     ORDER BY max(c.recent) DESC, t.trace_id LIMIT ${limit}`,
    params,
  );
  return rows.map((row) => ({
    traceId: row.trace_id,
    correlationIds: row.correlation_ids ?? [],
    services: row.services ?? [],
    startedAt: new Date(row.started_at).toISOString(),
    durationMs: Math.max(0, row.duration_ms),
    spanCount: row.span_count,
    hasError: row.error_count > 0,
  }));
}

/**
 * The timeline of a trace id or a correlation id: every trace joined to it by correlation id
 * or span links (followed transitively, within bounds), as one causal timeline.
 */
export async function getTimeline(
  db: Queryable,
  id: string,
  bounds?: Partial<GatherBounds>,
): Promise<Timeline> {
  if (id === '' || id.length > 512) throw new NotFoundError('trace or correlation id');
  const traceId = TraceIdSchema.safeParse(id.toLowerCase());
  const gathered = await gatherSpans(db, {
    traceIds: traceId.success ? [traceId.data] : [],
    correlationIds: [id],
    ...(bounds ? { bounds } : {}),
  });
  if (gathered.spans.length === 0) throw new NotFoundError('trace or correlation id');
  return buildTimeline(gathered.spans, gathered.truncated);
}
