import {
  roleAllows,
  SessionSchema,
  type Role,
  type Session,
  type SessionRequest,
} from '@eventscope/shared';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../api/client';
import { setCsrfToken } from '../api/csrf';
import { toApiError } from '../api/errors';

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
};

/** GET /api/session; a 401 is the signed-out state (null), not an error. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiGet('/api/session', SessionSchema, { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    const e = toApiError(error);
    if (e.status !== 401) throw e;
    setCsrfToken('');
    return null;
  }
}

/**
 * Who is signed in: `data` is the Session, null when signed out (and the api allows no
 * anonymous reads), undefined while loading.
 */
export function useSession() {
  return useQuery({
    queryKey: sessionKeys.current(),
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });
}

/** Puts a fresh session in the cache and the CSRF store together, so they never disagree. */
function rememberSession(client: QueryClient, session: Session | null) {
  setCsrfToken(session?.csrfToken ?? '');
  client.setQueryData(sessionKeys.current(), session);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SessionRequest) => apiSend('POST', '/api/session', body, SessionSchema),
    // A wrong password is this form's business, not a reason to redirect to sign in.
    meta: { authFlow: true },
    onSuccess: (session) => {
      // Everything cached was fetched as someone else.
      client.removeQueries();
      rememberSession(client, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('DELETE', '/api/session', undefined, z.undefined()),
    meta: { authFlow: true },
    onSettled: () => {
      setCsrfToken('');
      // Refetch what is on screen as whoever we are now (anonymous, or nobody).
      void client.resetQueries();
    },
  });
}

/** Whether the signed-in principal holds at least `role`; false while loading or signed out. */
export function useCan(role: Role): boolean {
  const { data } = useSession();
  return data ? roleAllows(data.principal.role, role) : false;
}
