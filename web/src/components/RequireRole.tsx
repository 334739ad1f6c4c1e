import type { Role } from '@eventscope/shared';
import type { ReactNode } from 'react';
import { useCan } from '../hooks/useSession';

/**
 * Renders `children` only for principals holding at least `role`. Hiding is for clarity, not
 * security: the api refuses the call anyway.
 */
export function RequireRole({
  role,
  children,
  fallback = null,
}: {
  role: Role;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return <>{useCan(role) ? children : fallback}</>;
}
