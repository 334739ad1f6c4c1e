import type { HistoryQuery } from '@eventscope/shared';
import type { Range } from '../../store';

export const defaultRangeSeconds = 3600;
const targetPoints = 300;
const maxPoints = 2000;

export interface HistoryPlan extends Range {
  source: 'raw' | 'rollup';
}

/**
 * Picks the step and the table for a range: raw samples while they are retained and the
 * step is under a minute, the 1-minute rollups otherwise. About 300 points per chart.
 */
export function planHistory(
  query: HistoryQuery,
  now: Date,
  opts: { rawRetentionHours: number; sampleIntervalMs: number },
): HistoryPlan {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from
    ? new Date(query.from)
    : new Date(to.getTime() - defaultRangeSeconds * 1000);
  const rangeSeconds = Math.max(1, (to.getTime() - from.getTime()) / 1000);
  const minStep = Math.max(1, Math.ceil(opts.sampleIntervalMs / 1000));
  let step = query.step ?? Math.max(minStep, Math.ceil(rangeSeconds / targetPoints));
  step = Math.max(step, Math.ceil(rangeSeconds / maxPoints));
  const rawKeptFrom = now.getTime() - opts.rawRetentionHours * 3600_000;
  const source = step < 60 && from.getTime() >= rawKeptFrom ? 'raw' : 'rollup';
  if (source === 'rollup') step = Math.max(60, Math.ceil(step / 60) * 60);
  return { from, to, stepSeconds: step, source };
}

/** Every bucket of the range, with the rows that exist; missing buckets stay as gaps (nulls). */
export function fillBuckets<R, P>(
  plan: HistoryPlan,
  rows: readonly (R & { bucket: Date | string })[],
  toPoint: (at: string, row: R | undefined) => P,
): P[] {
  const byBucket = new Map(rows.map((r) => [new Date(r.bucket).getTime(), r]));
  const stepMs = plan.stepSeconds * 1000;
  const first = Math.floor(plan.from.getTime() / stepMs) * stepMs;
  const points: P[] = [];
  for (let t = first; t < plan.to.getTime(); t += stepMs) {
    points.push(toPoint(new Date(t).toISOString(), byBucket.get(t)));
  }
  return points;
}

export interface HistoryPage<P> {
  from: string;
  to: string;
  step: number;
  source: 'raw' | 'rollup';
  points: P[];
}

/** Plans a history query, reads its rows and returns every bucket of the range. */
export async function readHistory<R, P>(
  plan: HistoryPlan,
  read: (plan: HistoryPlan) => Promise<readonly (R & { bucket: Date | string })[]>,
  toPoint: (at: string, row: R | undefined) => P,
): Promise<HistoryPage<P>> {
  return {
    from: plan.from.toISOString(),
    to: plan.to.toISOString(),
    step: plan.stepSeconds,
    source: plan.source,
    points: fillBuckets(plan, await read(plan), toPoint),
  };
}
