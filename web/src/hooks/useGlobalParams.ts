import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEFAULT_RANGE, parseRange, type RangeKey } from '../lib/timeRange';

/**
 * The global view state — cluster and time range — lives in the URL search params so any view
 * can be pasted into a chat. Defaults are left out of the URL to keep links short.
 * Page-specific state follows the same rule in the page's own `url.ts`.
 */
export const GLOBAL_PARAMS = ['cluster', 'range'] as const;

export function useGlobalParams() {
  const [params, setParams] = useSearchParams();
  const cluster = params.get('cluster') || null;
  const range = parseRange(params.get('range'));

  const update = useCallback(
    (key: (typeof GLOBAL_PARAMS)[number], value: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      }),
    [setParams],
  );

  const setCluster = useCallback((id: string | null) => update('cluster', id), [update]);
  const setRange = useCallback(
    (key: RangeKey) => update('range', key === DEFAULT_RANGE ? null : key),
    [update],
  );

  return { cluster, range, setCluster, setRange };
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
