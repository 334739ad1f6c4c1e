import { QueryClient } from '@tanstack/react-query';
import { isRetryable } from '../api/errors';

/** One app-wide QueryClient; its defaults are written out so no page relies on library ones. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // SSE invalidates what changed; staleness only matters when the stream is down.
        staleTime: 10_000,
        gcTime: 5 * 60_000,
        // A 4xx or a broken contract will not fix itself; a restarting api will.
        retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
        retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 10_000),
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
      mutations: {
        // Writes (replays, silences) are never repeated behind the user's back.
        retry: false,
      },
    },
  });
}
