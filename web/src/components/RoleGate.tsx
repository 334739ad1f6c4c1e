import type { Role } from '@eventscope/shared';
import { roleAllows } from '@eventscope/shared';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { signInPath } from '../app/signIn';
import { useSession } from '../hooks/useSession';
import { EmptyState } from './EmptyState';
import { PageSkeleton } from './Skeleton';

/**
 * A whole page for one role and up. Others get an explanation of why and what to do, never
 * an api error: they did nothing wrong by following a link.
 */
export function RoleGate({
  role,
  what,
  children,
}: {
  role: Role;
  /** What is behind the gate, as a sentence subject: "The audit log". */
  what: string;
  children: ReactNode;
}) {
  const { data: session, isPending } = useSession();
  const { pathname, search } = useLocation();
  if (isPending) return <PageSkeleton />;
  if (session && roleAllows(session.principal.role, role)) return <>{children}</>;

  const signedIn = session && session.principal.kind !== 'anonymous' ? session.principal : null;
  return (
    <EmptyState title={`${what} is for the ${role} role`}>
      {signedIn ? (
        <>
          You are signed in as <strong>{signedIn.name}</strong> with the {signedIn.role} role. Ask
          an admin for a token or user with the {role} role, or{' '}
          <Link to={signInPath(pathname + search)}>sign in as someone else</Link>.
        </>
      ) : (
        <>
          You are browsing read-only without signing in.{' '}
          <Link to={signInPath(pathname + search)}>Sign in</Link> with the {role} role to see it.
        </>
      )}
    </EmptyState>
  );
}
