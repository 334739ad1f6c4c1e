import type { Role } from '@eventscope/shared';
import type { Queryable } from './db';

/** Rows the auth domain reads and writes; hashing and rules live in domain/auth. */

export type TokenOrigin = 'api' | 'env' | 'bootstrap';

export type TokenRow = {
  id: string;
  name: string;
  role: Role;
  origin: TokenOrigin;
  created_at: Date | string;
  created_by: string;
  last_used_at: Date | string | null;
};

export type UserRow = {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  created_at: Date | string;
};

export type SessionRow = {
  principal_kind: 'user' | 'token' | 'bootstrap';
  principal_id: string;
  csrf_token: string;
  expires_at: Date | string;
};

const tokenColumns = 'id, name, role, origin, created_at, created_by, last_used_at';

export function authRepository(db: Queryable) {
  return {
    async insertToken(t: {
      id: string;
      name: string;
      role: Role;
      hash: string;
      origin: TokenOrigin;
      createdBy: string;
    }) {
      const { rows } = await db.query<TokenRow>(
        `INSERT INTO api_tokens (id, name, role, token_hash, origin, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${tokenColumns}`,
        [t.id, t.name, t.role, t.hash, t.origin, t.createdBy],
      );
      return rows[0];
    },
    async findActiveTokenByHash(hash: string) {
      const { rows } = await db.query<TokenRow>(
        `UPDATE api_tokens SET last_used_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL RETURNING ${tokenColumns}`,
        [hash],
      );
      return rows[0];
    },
    async findActiveToken(id: string) {
      const { rows } = await db.query<TokenRow>(
        `SELECT ${tokenColumns} FROM api_tokens WHERE id = $1 AND revoked_at IS NULL`,
        [id],
      );
      return rows[0];
    },
    async listActiveTokens() {
      const { rows } = await db.query<TokenRow>(
        `SELECT ${tokenColumns} FROM api_tokens WHERE revoked_at IS NULL ORDER BY created_at DESC, id`,
      );
      return rows;
    },
    /** Revokes and returns the ids revoked; `where` is a fixed SQL fragment, never input. */
    async revokeTokens(where: 'id' | 'origin', value: string, exceptHash?: string) {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE api_tokens SET revoked_at = now()
         WHERE ${where === 'id' ? 'id' : 'origin'} = $1 AND revoked_at IS NULL
           AND ($2::text IS NULL OR token_hash <> $2) RETURNING id`,
        [value, exceptHash ?? null],
      );
      return rows.map((r) => r.id);
    },
    async countAdmins() {
      const { rows } = await db.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM users WHERE role = 'admin')
               + (SELECT count(*) FROM api_tokens
                  WHERE role = 'admin' AND revoked_at IS NULL AND origin <> 'bootstrap'))::int AS n`,
      );
      return rows[0]?.n ?? 0;
    },
    async insertUser(u: {
      id: string;
      username: string;
      passwordHash: string;
      role: Role;
      createdBy: string;
    }) {
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (id, username, password_hash, role, created_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING
         RETURNING id, username, password_hash, role, created_at`,
        [u.id, u.username, u.passwordHash, u.role, u.createdBy],
      );
      return rows[0];
    },
    async findUserByName(username: string) {
      const { rows } = await db.query<UserRow>(
        'SELECT id, username, password_hash, role, created_at FROM users WHERE username = $1',
        [username],
      );
      return rows[0];
    },
    async findUser(id: string) {
      const { rows } = await db.query<UserRow>(
        'SELECT id, username, password_hash, role, created_at FROM users WHERE id = $1',
        [id],
      );
      return rows[0];
    },
    async listUsers() {
      const { rows } = await db.query<UserRow>(
        'SELECT id, username, password_hash, role, created_at FROM users ORDER BY username',
      );
      return rows;
    },
    async insertSession(s: {
      idHash: string;
      kind: string;
      principalId: string;
      csrf: string;
      expiresAt: Date;
    }) {
      await db.query(
        `INSERT INTO sessions (id_hash, principal_kind, principal_id, csrf_token, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [s.idHash, s.kind, s.principalId, s.csrf, s.expiresAt.toISOString()],
      );
    },
    async findSession(idHash: string) {
      const { rows } = await db.query<SessionRow>(
        `SELECT principal_kind, principal_id, csrf_token, expires_at FROM sessions
         WHERE id_hash = $1 AND expires_at > now()`,
        [idHash],
      );
      return rows[0];
    },
    async deleteSession(idHash: string) {
      await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteExpiredSessions() {
      await db.query('DELETE FROM sessions WHERE expires_at <= now()');
    },
  };
}

export type AuthRepository = ReturnType<typeof authRepository>;
