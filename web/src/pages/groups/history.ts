import type { GroupHistory, GroupStatusCode } from '@eventscope/shared';
import { toTimeRows, type TimeRow } from '../../components/charts/timeRows';

type Point = GroupHistory['points'][number];

/** Chart rows for the lag charts; null steps stay null so they are drawn as gaps. */
export function lagRows(points: readonly Point[]): TimeRow<'lagSeconds' | 'lagMessages'>[] {
  return toTimeRows(points, {
    lagSeconds: (p) => p.lagSeconds,
    lagMessages: (p) => p.lagMessages,
  });
}

export interface StatusSegment {
  status: GroupStatusCode | null;
  from: string;
  /** Start of the next segment, or null for the last one (it runs to the end of the window). */
  to: string | null;
  steps: number;
}

/** Consecutive steps with the same status become one segment; null (no sample) is its own. */
export function statusSegments(points: readonly Point[]): StatusSegment[] {
  const segments: StatusSegment[] = [];
  for (const p of points) {
    const last = segments.at(-1);
    if (last && last.status === p.status) {
      last.steps += 1;
      continue;
    }
    if (last) last.to = p.at;
    segments.push({ status: p.status, from: p.at, to: null, steps: 1 });
  }
  return segments;
}
