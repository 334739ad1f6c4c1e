import { TimelineSchema, TraceSummarySchema } from '@eventscope/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, withQuery } from '../api/client';
import { rangeWindow, type TimeRange } from '../lib/timeRange';

const TraceListSchema = z.array(TraceSummarySchema);

/** What the trace search form asks for; empty strings and false mean "no filter". */
export interface TraceFilters {
  /** A trace id (32 hex digits) or a correlation id: the box accepts either. */
  id: string;
  service: string;
  topic: string;
  hasError: boolean;
  minDurationMs: string;
}

export const TRACE_SEARCH_LIMIT = 100;

export const traceKeys = {
  all: ['traces'] as const,
  search: (filters: TraceFilters, range: TimeRange) =>
    [...traceKeys.all, 'search', range, filters] as const,
  timeline: (id: string) => [...traceKeys.all, 'timeline', id] as const,
};

/** W3C trace ids are 32 hex digits; anything else typed in the box is a correlation id. */
export function isTraceId(value: string): boolean {
  return /^[0-9a-f]{32}$/i.test(value) && !/^0+$/.test(value);
}

function searchPath(filters: TraceFilters, range: TimeRange): string {
  const id = filters.id.trim();
  const traceId = isTraceId(id) ? id.toLowerCase() : undefined;
  const min = Number(filters.minDurationMs);
  return withQuery('/api/traces', {
    traceId,
    correlationId: id && !traceId ? id : undefined,
    service: filters.service.trim(),
    topic: filters.topic.trim(),
    // The window is taken when the request is sent, so "last hour" means the last hour.
    ...rangeWindow(range),
    hasError: filters.hasError ? 'true' : undefined,
    minDurationMs: filters.minDurationMs !== '' && min > 0 ? min : undefined,
    limit: TRACE_SEARCH_LIMIT,
  });
}

/** Shared by the hook and the form (which opens a single match directly). */
export function traceSearchQuery(filters: TraceFilters, range: TimeRange) {
  return queryOptions({
    queryKey: traceKeys.search(filters, range),
    queryFn: ({ signal }) => apiGet(searchPath(filters, range), TraceListSchema, { signal }),
  });
}

export function useTraceSearch(filters: TraceFilters, range: TimeRange) {
  return useQuery({ ...traceSearchQuery(filters, range), placeholderData: keepPreviousData });
}

/** One timeline: a trace id or a correlation id, joined across traces by the api. */
export function useTimeline(id: string) {
  return useQuery({
    queryKey: traceKeys.timeline(id),
    queryFn: ({ signal }) =>
      apiGet(`/api/traces/${encodeURIComponent(id)}`, TimelineSchema, { signal }),
    // A finished trace rarely changes; a minute of staleness saves re-parsing 10 k spans.
    staleTime: 60_000,
  });
}
