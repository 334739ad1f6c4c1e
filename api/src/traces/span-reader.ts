import { SpanSchema, type Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { spansJsonOf } from './chunks';

/**
 * The chunks of some traces, oldest first. Base64 text: PGlite hands back text many times
 * faster than bytea.
 */
const SPANS_OF_TRACES = `
SELECT encode(spans, 'base64') AS spans FROM span_chunks WHERE trace_id = ANY($1::text[])
ORDER BY first_started_at, trace_id, digest`;

const SpansSchema = SpanSchema.array();

/**
 * The stored spans of some traces. A span stored in more than one chunk (a hop re-derived
 * after a restart, a batch re-sent in another grouping) is returned once: the first stored.
 */
export async function spansOfTraces(db: Queryable, traceIds: readonly string[]): Promise<Span[]> {
  if (traceIds.length === 0) return [];
  const { rows } = await db.query<{ spans: string }>(SPANS_OF_TRACES, [traceIds]);
  const arrays = rows.map((row) => spansJsonOf(Buffer.from(row.spans, 'base64')).slice(1, -1));
  // Joined as text and parsed once: cheaper than a parse per chunk.
  const parsed: unknown = JSON.parse(`[${arrays.filter((a) => a !== '').join(',')}]`);
  // Validated on the way in; parsing again keeps a schema drift from reaching the UI.
  const spans = SpansSchema.parse(parsed);
  const seen = new Set<string>();
  return spans.filter((span) => {
    const key = `${span.traceId}/${span.spanId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
