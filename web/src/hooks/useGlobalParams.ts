import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEFAULT_RANGE, readTimeRange, type CustomRange, type RangeKey } from '../lib/timeRange';

/**
 * The global view state — cluster and time range — lives in the URL search params so any view
 * can be pasted into a chat. Defaults are left out of the URL to keep links short. A custom
 * range is `?from=&to=` (ISO instants) instead of `?range=`.
 * Page-specific state follows the same rule in the page's own `url.ts`.
 */
export const GLOBAL_PARAMS = ['cluster', 'range', 'from', 'to'] as const;

export function useGlobalParams() {
  const [params, setParams] = useSearchParams();
  const cluster = params.get('cluster') || null;
  const range = readTimeRange(params);

  const update = useCallback(
    (values: Partial<Record<(typeof GLOBAL_PARAMS)[number], string | null>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(values)) {
          if (value === null || value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );

  const setCluster = useCallback((id: string | null) => update({ cluster: id }), [update]);
  const setRange = useCallback(
    (key: RangeKey) => update({ range: key === DEFAULT_RANGE ? null : key, from: null, to: null }),
    [update],
  );
  const setCustomRange = useCallback(
    ({ from, to }: CustomRange) => update({ range: null, from, to }),
    [update],
  );

  return { cluster, range, setCluster, setRange, setCustomRange };
}

/** The search string that carries the global params to another page (nav links). */
export function globalSearch(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of GLOBAL_PARAMS) {
    const value = from.get(key);
    if (value) kept.set(key, value);
  }
  const qs = kept.toString();
  return qs ? `?${qs}` : '';
}
