import type { Session, SessionRequest } from '@eventscope/shared';
import type { AuthRepository } from '../../store';
import { UnauthenticatedError } from '../errors';
import type { Principal } from './principal';
import { newSecret, sha256 } from './secrets';
import { authenticateToken, tokenPrincipal } from './tokens';
import { authenticatePassword, userPrincipal } from './users';

export const sessionTtlMs = 12 * 60 * 60 * 1000;

export interface OpenedSession {
  /** Goes into the HttpOnly cookie; only its hash is stored. */
  cookieValue: string;
  session: Session;
}

export async function signIn(
  repo: AuthRepository,
  request: SessionRequest,
  now = new Date(),
): Promise<OpenedSession> {
  const principal =
    'token' in request
      ? await authenticateToken(repo, request.token)
      : await authenticatePassword(repo, request.username, request.password);
  if (!principal) throw new UnauthenticatedError('wrong username, password or token');
  const cookieValue = newSecret('');
  const csrfToken = newSecret('');
  const expiresAt = new Date(now.getTime() + sessionTtlMs);
  await repo.insertSession({
    idHash: sha256(cookieValue),
    kind: principal.kind,
    principalId: principal.id,
    csrf: csrfToken,
    expiresAt,
  });
  return { cookieValue, session: { principal, csrfToken, expiresAt: expiresAt.toISOString() } };
}

/** A session is only as good as what it stands for: a revoked token ends its sessions. */
export async function resolveSession(
  repo: AuthRepository,
  cookieValue: string,
): Promise<{ principal: Principal; csrfToken: string; expiresAt: string } | undefined> {
  if (cookieValue.length > 200) return undefined;
  const row = await repo.findSession(sha256(cookieValue));
  if (!row) return undefined;
  let principal: Principal | undefined;
  if (row.principal_kind === 'user') {
    const user = await repo.findUser(row.principal_id);
    principal = user ? userPrincipal(user) : undefined;
  } else {
    const token = await repo.findActiveToken(row.principal_id);
    principal = token ? tokenPrincipal(token) : undefined;
  }
  return principal
    ? { principal, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at).toISOString() }
    : undefined;
}

export async function signOut(repo: AuthRepository, cookieValue: string): Promise<void> {
  await repo.deleteSession(sha256(cookieValue));
}
