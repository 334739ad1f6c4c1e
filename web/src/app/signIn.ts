import type { QueryClient } from '@tanstack/react-query';
import type { DataRouter } from 'react-router-dom';
import { sessionKeys } from '../hooks/useSession';

export const SIGN_IN_PATH = '/sign-in';

/** The sign-in URL that brings the user back to `next` (a path with its search) afterwards. */
export function signInPath(next: string): string {
  return `${SIGN_IN_PATH}?${new URLSearchParams({ next }).toString()}`;
}

/**
 * Where to go after signing in. Only paths on this origin: `next` comes from the URL, and an
 * open redirect (`//evil.example`) on a sign-in page is a phishing tool.
 */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw === SIGN_IN_PATH || raw.startsWith(`${SIGN_IN_PATH}?`)) return '/';
  return raw;
}

/** The app-wide answer to a 401: forget who we thought we were and ask again. */
export function redirectToSignIn(
  router: Pick<DataRouter, 'state' | 'navigate'>,
  client: QueryClient,
): void {
  const { pathname, search } = router.state.location;
  if (pathname === SIGN_IN_PATH) return;
  void client.invalidateQueries({ queryKey: sessionKeys.all });
  // Replace: going Back from the sign-in page must not land on the page that just said 401.
  void router.navigate(signInPath(pathname + search), { replace: true });
}
