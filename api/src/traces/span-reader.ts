import { SpanSchema, type Span } from '@eventscope/shared';
import type { Queryable } from '../store';

/**
 * Spans of some traces in the Span shape, built by the database as one JSON document: for
 * thousands of rows that is several times faster than row-by-row results (PGlite especially).
 */
const SPANS_OF_TRACES = `
SELECT coalesce(json_agg(json_build_object(
  'traceId', trace_id, 'spanId', span_id, 'parentSpanId', parent_span_id, 'links', links,
  'service', service, 'name', name, 'kind', kind,
  'startTimeUnixNano', start_time_unix_nano::text, 'durationMs', duration_ms,
  'status', CASE WHEN status_message IS NULL THEN json_build_object('code', status_code)
    ELSE json_build_object('code', status_code, 'message', status_message) END,
  'attributes', attributes, 'source', source, 'correlationIds', correlation_ids,
  'messaging', messaging)), '[]')::text AS spans
FROM spans WHERE trace_id = ANY($1::text[])`;

const SpansSchema = SpanSchema.array();

/** startedAt is derived from the exact start, as on ingest (cheaper than formatting in SQL). */
function withStartedAt(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('startTimeUnixNano' in value)) return value;
  const ns = value.startTimeUnixNano;
  if (typeof ns !== 'string' || ns.length <= 6) return value;
  return { ...value, startedAt: new Date(Number(ns.slice(0, -6))).toISOString() };
}

export async function spansOfTraces(db: Queryable, traceIds: readonly string[]): Promise<Span[]> {
  if (traceIds.length === 0) return [];
  const { rows } = await db.query<{ spans: string }>(SPANS_OF_TRACES, [traceIds]);
  // Validated on the way in; parsing again keeps a schema drift from reaching the UI.
  const parsed: unknown = JSON.parse(rows[0]?.spans ?? '[]');
  return SpansSchema.parse(Array.isArray(parsed) ? parsed.map(withStartedAt) : parsed);
}
