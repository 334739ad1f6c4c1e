import type { Role, Token } from '@eventscope/shared';
import type { AuthRepository, TokenRow } from '../../store';
import { NotFoundError } from '../errors';
import { authorize, type Actor, type Principal } from './principal';
import { newId, newSecret, sha256 } from './secrets';

export const tokenPrefix = 'es_';

const iso = (v: Date | string | null): string | null =>
  v === null ? null : new Date(v).toISOString();

export function toToken(row: TokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: iso(row.created_at) ?? '',
    createdBy: row.created_by,
    lastUsedAt: iso(row.last_used_at),
  };
}

export function tokenPrincipal(row: TokenRow): Principal {
  return {
    kind: row.origin === 'bootstrap' ? 'bootstrap' : 'token',
    id: row.id,
    name: row.name,
    role: row.role,
  };
}

/** Creating an admin through a real credential retires the one-time bootstrap token. */
async function retireBootstrapIfAdmin(repo: AuthRepository, role: Role): Promise<void> {
  if (role === 'admin') await repo.revokeTokens('origin', 'bootstrap');
}

export async function createToken(
  repo: AuthRepository,
  actor: Actor,
  input: { name: string; role: Role },
) {
  const admin = authorize(actor, 'admin');
  const token = newSecret(tokenPrefix);
  const row = await repo.insertToken({
    id: newId(),
    name: input.name,
    role: input.role,
    hash: sha256(token),
    origin: 'api',
    createdBy: admin.name,
  });
  if (!row) throw new Error('token insert returned nothing');
  await retireBootstrapIfAdmin(repo, input.role);
  return { ...toToken(row), token };
}

export async function listTokens(repo: AuthRepository, actor: Actor): Promise<Token[]> {
  authorize(actor, 'admin');
  return (await repo.listActiveTokens()).map(toToken);
}

export async function revokeToken(repo: AuthRepository, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'admin');
  const revoked = await repo.revokeTokens('id', id);
  if (revoked.length === 0) throw new NotFoundError(`token ${id}`);
}

export async function authenticateToken(
  repo: AuthRepository,
  token: string,
): Promise<Principal | undefined> {
  // Any string may be an EVENTSCOPE_ADMIN_TOKEN; issued tokens start with es_.
  if (token.length < 16 || token.length > 512) return undefined;
  const row = await repo.findActiveTokenByHash(sha256(token));
  return row ? tokenPrincipal(row) : undefined;
}

export { retireBootstrapIfAdmin };
