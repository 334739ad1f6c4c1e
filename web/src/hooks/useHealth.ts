import { HealthSchema } from '@eventscope/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/client';

/**
 * Query keys for GET /api/health. Every resource hook file starts with a key factory like this;
 * the first element is the resource name the SSE stream uses in its `keys`.
 */
export const healthKeys = {
  all: ['health'] as const,
};

export const HEALTH_POLL_MS = 5_000;

export function useHealth() {
  return useQuery({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => apiGet('/api/health', HealthSchema, { signal, acceptStatus: [503] }),
    // Health is the one thing polled even when the stream is live: it is how we notice the
    // stream itself (or a cluster) is gone.
    refetchInterval: HEALTH_POLL_MS,
    refetchIntervalInBackground: false,
  });
}
