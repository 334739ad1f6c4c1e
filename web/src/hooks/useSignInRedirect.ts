import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { signInPath } from '../app/signIn';
import { useSession } from './useSession';

/**
 * Sends a signed-out visitor (the api allows no anonymous reads) to the sign-in page, to come
 * back here afterwards. A 401 from any other request is handled by the QueryClient.
 */
export function useSignInRedirect(): void {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (session === null) void navigate(signInPath(pathname + search), { replace: true });
  }, [session, navigate, pathname, search]);
}
