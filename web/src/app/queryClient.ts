import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isRetryable, toApiError } from '../api/errors';

export interface QueryClientHooks {
  /**
   * Called when any query or mutation is answered 401 (session expired or revoked). Requests
   * whose `meta.authFlow` is set (sign in, sign out) handle their own 401.
   */
  onUnauthenticated?: () => void;
}

/** One app-wide QueryClient; its defaults are written out so no page relies on library ones. */
export function createQueryClient({ onUnauthenticated }: QueryClientHooks = {}): QueryClient {
  const on401 = (error: unknown, meta: Record<string, unknown> | undefined) => {
    if (meta?.authFlow !== true && toApiError(error).status === 401) onUnauthenticated?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => on401(error, query.meta) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => on401(error, mutation.meta),
    }),
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
