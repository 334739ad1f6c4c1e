import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TraceFilters } from '../../hooks/useTraces';

/** URL names of the search filters: a filtered search can be pasted into an incident chat. */
const PARAMS = {
  id: 'q',
  service: 'service',
  topic: 'topic',
  minDurationMs: 'minMs',
} as const;

export const NO_FILTERS: TraceFilters = {
  id: '',
  service: '',
  topic: '',
  hasError: false,
  minDurationMs: '',
};

/** Trimmed, and a duration that is not a positive number is no filter. */
export function normalizeFilters(filters: TraceFilters): TraceFilters {
  const min = Number(filters.minDurationMs);
  return {
    id: filters.id.trim(),
    service: filters.service.trim(),
    topic: filters.topic.trim(),
    hasError: filters.hasError,
    minDurationMs: filters.minDurationMs.trim() !== '' && min > 0 ? String(min) : '',
  };
}

export const hasFilters = (f: TraceFilters) =>
  f.id !== '' || f.service !== '' || f.topic !== '' || f.hasError || f.minDurationMs !== '';

export function useTraceSearchParams() {
  const [params, setParams] = useSearchParams();
  const filters = normalizeFilters({
    id: params.get(PARAMS.id) ?? '',
    service: params.get(PARAMS.service) ?? '',
    topic: params.get(PARAMS.topic) ?? '',
    hasError: params.get('errors') === '1',
    minDurationMs: params.get(PARAMS.minDurationMs) ?? '',
  });

  const setFilters = useCallback(
    (next: TraceFilters) =>
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        for (const [key, name] of Object.entries(PARAMS) as [keyof typeof PARAMS, string][]) {
          const value = next[key];
          if (value) out.set(name, value);
          else out.delete(name);
        }
        if (next.hasError) out.set('errors', '1');
        else out.delete('errors');
        return out;
      }),
    [setParams],
  );

  return { filters, setFilters };
}

/** The timeline's view state: the open span (`?span=`) and the critical-path toggle. */
export function useTimelineParams() {
  const [params, setParams] = useSearchParams();
  const span = params.get('span') || null;
  const critical = params.get('critical') === '1';

  const set = useCallback(
    (key: string, value: string | null, replace = false) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          if (value === null) out.delete(key);
          else out.set(key, value);
          return out;
        },
        { replace },
      ),
    [setParams],
  );

  const setSpan = useCallback(
    (id: string | null, options: { replace?: boolean } = {}) =>
      set('span', id, options.replace ?? false),
    [set],
  );
  const setCritical = useCallback((on: boolean) => set('critical', on ? '1' : null, true), [set]);

  return { span, setSpan, critical, setCritical };
}

const enc = encodeURIComponent;

/** The timeline of a trace id or a correlation id, keeping the global params. */
export const traceHref = (id: string, search = '') => `/traces/${enc(id)}${search}`;
