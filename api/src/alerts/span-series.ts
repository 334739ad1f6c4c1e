import type { Queryable } from '../store';
import type { Series, SeriesSet } from './series';

/** At most this many spans per window are aggregated: bounded at any ingest rate. */
export const maxSpansPerWindow = 100_000;
/** At most this many series (services, or service × operation) per window. */
export const maxSpanSeries = 5_000;

export interface SpanWindow {
  windowSeconds: number;
  /** Per (service, operation) as well as per service. */
  perOperation: boolean;
}

type Row = {
  service: string;
  operation: string | null;
  avg: number;
  p95: number;
};

const SEP = '\u001f'; // not NUL: PostgreSQL text and jsonb cannot hold it

/**
 * Span latency (ms) of OTLP spans stored in chunks that overlap the window (a chunk spans one
 * trace of one batch: milliseconds to seconds; its latency text is SpanChunk.latency), per
 * service and, when a rule asks for it, per operation (the span name). Reads a bounded sample
 * of the window's spans: enough for an average and a p95, cheap at tens of thousands of spans
 * per second. Family names carry the window (`spanLatencyAvg@300`) because rules with
 * different windows see different values.
 */
export async function spanSeries(
  db: Queryable,
  windows: readonly SpanWindow[],
  now: Date,
): Promise<SeriesSet> {
  const set = new Map<string, Series[]>();
  for (const w of windows) {
    const from = new Date(now.getTime() - w.windowSeconds * 1000).toISOString();
    const sets = w.perOperation ? 'GROUPING SETS ((service), (service, name))' : 'service';
    const operation = w.perOperation ? 'CASE WHEN grouping(name) = 0 THEN name END' : 'NULL::text';
    const { rows } = await db.query<Row>(
      `SELECT service, ${operation} AS operation,
              avg(duration_ms)::float8 AS avg,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p95
       FROM (SELECT split_part(l, chr(31), 1) AS service, split_part(l, chr(31), 2) AS name,
               split_part(l, chr(31), 3)::float8 AS duration_ms
             FROM span_chunks c, unnest(string_to_array(c.latency, chr(30))) AS l
             WHERE c.latency <> ''
               AND c.last_started_at >= $1::timestamptz AND c.first_started_at <= $2::timestamptz
             LIMIT $3) s
       GROUP BY ${sets}
       LIMIT $4`,
      [from, now.toISOString(), maxSpansPerWindow, maxSpanSeries],
    );
    for (const row of rows) {
      const fine = row.operation !== null;
      const labels: Record<string, string> = { service: row.service };
      if (fine) labels.operation = row.operation ?? '';
      const series: Series = {
        key: fine ? `${row.service}${SEP}${row.operation ?? ''}` : row.service,
        labels,
        values: { spanLatencyAvg: row.avg, spanLatencyP95: row.p95 },
      };
      const suffix = `${fine ? '/operation' : ''}@${w.windowSeconds}`;
      push(set, `spanLatencyAvg${suffix}`, series);
      push(set, `spanLatencyP95${suffix}`, series);
    }
  }
  return set;
}

function push(set: Map<string, Series[]>, family: string, series: Series): void {
  let list = set.get(family);
  if (!list) set.set(family, (list = []));
  list.push(series);
}
