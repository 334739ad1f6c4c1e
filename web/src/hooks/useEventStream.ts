import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { StreamEventSchema } from '@eventscope/shared';
import { ALL_CLUSTERS } from '../lib/clusterScope';

export type StreamState = 'live' | 'reconnecting' | 'offline';

export interface StreamStatus {
  state: StreamState;
  /** When the next connection attempt starts (epoch ms); null while live. */
  retryAt: number | null;
  /** Consecutive failed attempts. */
  failures: number;
}

export interface EventStreamOptions {
  url?: string;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts in a row we say "offline" (still retrying, slowly). */
  offlineAfter?: number;
}

export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
  // ±20 % jitter so many tabs do not reconnect in lockstep after an api restart.
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Opens the SSE stream once and turns each event into react-query invalidations, so live data
 * and fetched data share one cache. EventSource gives up for good on a non-200 answer (the
 * endpoint may not exist yet), so we close it on every error and reconnect ourselves with
 * backoff; pages keep working from polling and refetch meanwhile.
 */
export function useEventStream(options: EventStreamOptions = {}): StreamStatus {
  const {
    url = '/api/stream',
    initialDelayMs = 1_000,
    maxDelayMs = 30_000,
    offlineAfter = 3,
  } = options;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>(() => ({
    state: typeof EventSource === 'undefined' ? 'offline' : 'reconnecting',
    retryAt: null,
    failures: 0,
  }));

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let hadGap = false;

    const connect = () => {
      clearTimeout(timer);
      source?.close();
      source = new EventSource(url);
      source.addEventListener('open', () => {
        // Events sent while we were away are lost: refetch everything once.
        if (hadGap) void queryClient.invalidateQueries();
        hadGap = false;
        failures = 0;
        setStatus({ state: 'live', retryAt: null, failures: 0 });
      });
      source.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = parseEvent(event.data);
        // A malformed event cannot name what it changed; the next one, or polling, catches up.
        if (!parsed) return;
        for (const key of withAllClusters(parsed.keys)) {
          void queryClient.invalidateQueries({ queryKey: key });
        }
      });
      source.addEventListener('error', () => {
        source?.close();
        source = null;
        hadGap = true;
        failures += 1;
        const delay = backoffDelay(failures, initialDelayMs, maxDelayMs);
        setStatus({
          state: failures >= offlineAfter ? 'offline' : 'reconnecting',
          retryAt: Date.now() + delay,
          failures,
        });
        timer = setTimeout(connect, delay);
      });
    };

    // Coming back online should not wait out a 30 s backoff.
    const onOnline = () => {
      if (source === null) connect();
    };

    connect();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      clearTimeout(timer);
      source?.close();
    };
  }, [url, initialDelayMs, maxDelayMs, offlineAfter, queryClient]);

  return status;
}

/**
 * A change on one cluster (`['topics', 'local']`) also changes the views across all clusters
 * (`['topics', '*']`), which prefix matching alone would not refresh.
 */
export function withAllClusters(keys: readonly (readonly (string | number)[])[]) {
  const out = new Map<string, readonly (string | number)[]>();
  for (const key of keys) {
    out.set(JSON.stringify(key), key);
    const [resource, cluster] = key;
    if (key.length === 2 && typeof cluster === 'string' && cluster !== ALL_CLUSTERS) {
      const all = [resource ?? '', ALL_CLUSTERS];
      out.set(JSON.stringify(all), all);
    }
  }
  return [...out.values()];
}

function parseEvent(data: unknown) {
  if (typeof data !== 'string') return null;
  try {
    const result = StreamEventSchema.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
