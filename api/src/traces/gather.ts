import type { Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { spansOfTraces } from './span-reader';

export interface GatherBounds {
  maxTraces: number;
  maxSpans: number;
  maxRounds: number;
}

export const DEFAULT_GATHER_BOUNDS: GatherBounds = {
  maxTraces: 500,
  maxSpans: 100_000,
  maxRounds: 10,
};

interface GatherStart {
  traceIds: string[];
  correlationIds: string[];
  bounds?: Partial<GatherBounds>;
}

async function tracesByCorrelation(db: Queryable, ids: string[], limit: number) {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ trace_id: string }>(
    `SELECT DISTINCT trace_id FROM span_chunks WHERE correlation_ids && $1::text[] LIMIT $2`,
    [ids, limit],
  );
  return rows.map((r) => r.trace_id);
}

async function tracesLinkingTo(db: Queryable, traceIds: string[], limit: number) {
  if (traceIds.length === 0) return [];
  const { rows } = await db.query<{ trace_id: string }>(
    `SELECT DISTINCT trace_id FROM span_chunks WHERE linked_trace_ids && $1::text[] LIMIT $2`,
    [traceIds, limit],
  );
  return rows.map((r) => r.trace_id);
}

/**
 * Breadth-first over traces: from the start, load each new trace's spans, then add the traces
 * they link to, the traces linking to them and the traces sharing their correlation ids.
 * Stops at the bounds and says so (`truncated`).
 */
export async function gatherSpans(
  db: Queryable,
  start: GatherStart,
): Promise<{ spans: Span[]; truncated: boolean }> {
  const bounds = { ...DEFAULT_GATHER_BOUNDS, ...start.bounds };
  const knownTraces = new Set<string>();
  const knownCorrelations = new Set<string>();
  const spans: Span[] = [];
  let truncated = false;

  const admit = (ids: Iterable<string>): string[] => {
    const fresh: string[] = [];
    for (const id of ids) {
      if (knownTraces.has(id)) continue;
      if (knownTraces.size >= bounds.maxTraces) {
        truncated = true;
        break;
      }
      knownTraces.add(id);
      fresh.push(id);
    }
    return fresh;
  };

  for (const id of start.correlationIds) knownCorrelations.add(id);
  let frontier = admit([
    ...start.traceIds,
    ...(await tracesByCorrelation(db, start.correlationIds, bounds.maxTraces + 1)),
  ]);
  for (let round = 0; frontier.length > 0; round++) {
    if (round >= bounds.maxRounds) {
      truncated = true;
      break;
    }
    const loaded = await spansOfTraces(db, frontier);
    spans.push(...loaded);
    if (spans.length >= bounds.maxSpans) {
      truncated = truncated || spans.length > bounds.maxSpans;
      break;
    }
    const linked = new Set<string>();
    const correlations: string[] = [];
    for (const span of loaded) {
      for (const link of span.links) if (!knownTraces.has(link.traceId)) linked.add(link.traceId);
      for (const id of span.correlationIds)
        if (!knownCorrelations.has(id)) {
          knownCorrelations.add(id);
          correlations.push(id);
        }
    }
    const room = bounds.maxTraces - knownTraces.size + 1;
    const [linking, correlated] = await Promise.all([
      tracesLinkingTo(db, frontier, room),
      tracesByCorrelation(db, correlations, room),
    ]);
    frontier = admit([...linked, ...linking, ...correlated]);
  }
  return { spans, truncated };
}
