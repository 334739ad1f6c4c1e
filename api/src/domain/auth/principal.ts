import { roleAllows, type PrincipalView, type Role } from '@eventscope/shared';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** Who is acting. Domain functions take one and check it themselves, not only the routes. */
export type Principal = PrincipalView;

/** An unauthenticated caller is `null`; with anonymous reads enabled it acts as this viewer. */
export type Actor = Principal | null;
export const anonymousViewer: Principal = {
  kind: 'anonymous',
  id: 'anonymous',
  name: 'anonymous',
  role: 'viewer',
};

export function authorize(actor: Actor, needed: Role): Principal {
  if (!actor || (actor.kind === 'anonymous' && needed !== 'viewer'))
    throw new UnauthenticatedError();
  if (!roleAllows(actor.role, needed)) {
    throw new ForbiddenError(`this needs the ${needed} role; you are ${actor.role}`);
  }
  return actor;
}

/** How the audit log names an actor: stable, never a secret. */
export function actorLabel(actor: Actor): string {
  return actor ? `${actor.kind}:${actor.name}` : 'anonymous';
}
