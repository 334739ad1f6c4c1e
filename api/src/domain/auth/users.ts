import type { Role, User } from '@eventscope/shared';
import type { AuthRepository, UserRow } from '../../store';
import { ConflictError } from '../errors';
import { authorize, type Actor, type Principal } from './principal';
import { burnPasswordCheck, hashPassword, newId, verifyPassword } from './secrets';
import { retireBootstrapIfAdmin } from './tokens';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export const userPrincipal = (row: UserRow): Principal => ({
  kind: 'user',
  id: row.id,
  name: row.username,
  role: row.role,
});

export async function createUser(
  repo: AuthRepository,
  actor: Actor,
  input: { username: string; password: string; role: Role },
): Promise<User> {
  const admin = authorize(actor, 'admin');
  const row = await repo.insertUser({
    id: newId(),
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    createdBy: admin.name,
  });
  if (!row) throw new ConflictError(`user ${input.username} already exists`);
  await retireBootstrapIfAdmin(repo, input.role);
  return toUser(row);
}

export async function listUsers(repo: AuthRepository, actor: Actor): Promise<User[]> {
  authorize(actor, 'admin');
  return (await repo.listUsers()).map(toUser);
}

/** Same answer and the same time for an unknown user and a wrong password. */
export async function authenticatePassword(
  repo: AuthRepository,
  username: string,
  password: string,
): Promise<Principal | undefined> {
  const row = await repo.findUserByName(username);
  if (!row) {
    await burnPasswordCheck(password);
    return undefined;
  }
  return (await verifyPassword(password, row.password_hash)) ? userPrincipal(row) : undefined;
}
