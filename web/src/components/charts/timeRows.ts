import { formatLocalIso } from '../../lib/format';

/** One x position on a time chart: epoch ms plus one value per series; null is a gap. */
export type TimeRow<K extends string> = { t: number } & Record<K, number | null>;

/**
 * Turns api history points into chart rows. Nulls stay null: recharts draws them as gaps
 * (connectNulls={false}); turning them into 0 would draw a healthy-looking drop.
 */
export function toTimeRows<P extends { at: string }, K extends string>(
  points: readonly P[],
  pick: Record<K, (p: P) => number | null>,
): TimeRow<K>[] {
  const keys = Object.keys(pick) as K[];
  return points.map((p) => {
    const row = { t: Date.parse(p.at) } as TimeRow<K>;
    for (const key of keys) (row as Record<K, number | null>)[key] = pick[key](p);
    return row;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Axis ticks in the viewer's zone: "14:05", or "05-01 14:05" when the window spans days. */
export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return spanMs > 36 * 3600_000 ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
}

/** Tooltip heading: the exact local time with its offset. */
export function formatPointTime(t: unknown): string {
  return typeof t === 'number' ? formatLocalIso(t) : '';
}
