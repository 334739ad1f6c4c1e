/** The global time ranges of UI.md. "custom" (from/to in the URL) comes with the first chart. */
export const RANGES = [
  { key: '15m', label: '15 m', seconds: 15 * 60 },
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '6h', label: '6 h', seconds: 6 * 3600 },
  { key: '24h', label: '24 h', seconds: 24 * 3600 },
  { key: '7d', label: '7 d', seconds: 7 * 24 * 3600 },
] as const;

export type RangeKey = (typeof RANGES)[number]['key'];

export const DEFAULT_RANGE: RangeKey = '1h';

export function parseRange(value: string | null | undefined): RangeKey {
  return RANGES.find((r) => r.key === value)?.key ?? DEFAULT_RANGE;
}

/** The window a history query asks for, as ISO strings (`?from=&to=` in the API sketch). */
export function rangeWindow(key: RangeKey, now: number = Date.now()) {
  const seconds = RANGES.find((r) => r.key === key)?.seconds ?? 3600;
  return { from: new Date(now - seconds * 1000).toISOString(), to: new Date(now).toISOString() };
}
