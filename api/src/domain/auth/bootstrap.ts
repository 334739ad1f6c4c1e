import type { AuthRepository } from '../../store';
import { newId, newSecret, sha256 } from './secrets';
import { tokenPrefix } from './tokens';

const envTokenName = 'EVENTSCOPE_ADMIN_TOKEN';

/**
 * Makes sure someone can administer this install:
 * - EVENTSCOPE_ADMIN_TOKEN set → it is an admin token (a changed value replaces the old one);
 * - otherwise, with no admin user or token yet → a one-time bootstrap token, returned for
 *   the start-up log; it stops working once a real admin user or token exists, and a
 *   restart without one replaces it.
 */
export async function ensureAdminAccess(
  repo: AuthRepository,
  adminToken: string | undefined,
): Promise<{ bootstrapToken?: string }> {
  if (adminToken) {
    const hash = sha256(adminToken);
    await repo.revokeTokens('origin', 'env', hash);
    const existing = await repo.findActiveTokenByHash(hash);
    if (!existing) {
      await repo.insertToken({
        id: newId(),
        name: envTokenName,
        role: 'admin',
        hash,
        origin: 'env',
        createdBy: 'environment',
      });
    }
    await repo.revokeTokens('origin', 'bootstrap');
    return {};
  }
  await repo.revokeTokens('origin', 'env');
  await repo.revokeTokens('origin', 'bootstrap');
  if ((await repo.countAdmins()) > 0) return {};
  const token = newSecret(tokenPrefix);
  await repo.insertToken({
    id: newId(),
    name: 'bootstrap',
    role: 'admin',
    hash: sha256(token),
    origin: 'bootstrap',
    createdBy: 'first start',
  });
  return { bootstrapToken: token };
}
