import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  AuditPageSchema,
  CreatedTokenSchema,
  SessionSchema,
  TokenSchema,
} from '@eventscope/shared';
import { ensureAdminAccess } from '../../domain/auth/bootstrap';
import { adminToken, startTestApp, type TestApp } from '../../testing/app';

let app: TestApp;
let logs = '';
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logs += chunk.toString();
    done();
  },
});

beforeAll(async () => {
  app = await startTestApp({ limits: { loginsPerMinute: 1000 } }, logSink);
});
afterAll(() => app.close());

const errorMessage = (body: unknown) => ApiErrorSchema.parse(body).error.message;
const json = (body: unknown) => ({
  'content-type': 'application/json',
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const { body: payload, ...contentType } = json(body);
  return fetch(`${app.url}/api${path}`, {
    method: 'POST',
    headers: { ...contentType, ...headers },
    body: payload,
  });
}

function cookieFrom(res: Response): string {
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(';')[0] ?? '';
}

describe('sessions, tokens and users', () => {
  it('signs in with a token into a cookie session that needs the CSRF token to write', async () => {
    const signIn = await post('/session', { token: adminToken });
    expect(signIn.status).toBe(200);
    const session = SessionSchema.parse(await signIn.json());
    expect(session.principal).toMatchObject({ role: 'admin', kind: 'token' });
    const cookie = cookieFrom(signIn);

    const withoutCsrf = await post('/tokens', { name: 'ci', role: 'viewer' }, { cookie });
    expect(withoutCsrf.status).toBe(403);
    const withCsrf = await post(
      '/tokens',
      { name: 'ci', role: 'viewer' },
      { cookie, 'x-csrf-token': session.csrfToken },
    );
    expect(withCsrf.status).toBe(201);

    const signOut = await fetch(`${app.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(signOut.status).toBe(204);
    expect((await fetch(`${app.url}/api/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('shows a token once, stores only its hash, and revoking it ends its access', async () => {
    const created = CreatedTokenSchema.parse(
      await (await post('/tokens', { name: 'agent', role: 'operator' }, bearer(adminToken))).json(),
    );
    expect(created.token).toMatch(/^es_/);
    const list = await (
      await fetch(`${app.url}/api/tokens`, { headers: bearer(adminToken) })
    ).json();
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(
      TokenSchema.array()
        .parse(list)
        .map((t) => t.name),
    ).toContain('agent');
    const { rows } = await app.store.db.query('SELECT token_hash FROM api_tokens WHERE id = $1', [
      created.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(created.token);

    const session = await post('/session', { token: created.token });
    const cookie = cookieFrom(session);
    expect((await fetch(`${app.url}/api/session`, { headers: bearer(created.token) })).status).toBe(
      200,
    );
    const revoke = await fetch(`${app.url}/api/tokens/${created.id}`, {
      method: 'DELETE',
      headers: bearer(adminToken),
    });
    expect(revoke.status).toBe(204);
    expect((await fetch(`${app.url}/api/session`, { headers: bearer(created.token) })).status).toBe(
      401,
    );
    expect((await fetch(`${app.url}/api/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('signs users in with a password, with one answer for unknown users and wrong passwords', async () => {
    const created = await post(
      '/users',
      { username: 'oncall', password: 'correct horse battery', role: 'operator' },
      bearer(adminToken),
    );
    expect(created.status).toBe(201);
    const again = await post(
      '/users',
      { username: 'oncall', password: 'correct horse battery', role: 'viewer' },
      bearer(adminToken),
    );
    expect(again.status).toBe(409);

    const ok = await post('/session', { username: 'oncall', password: 'correct horse battery' });
    expect(SessionSchema.parse(await ok.json()).principal).toMatchObject({
      kind: 'user',
      name: 'oncall',
      role: 'operator',
    });
    const wrong = await post('/session', { username: 'oncall', password: 'wrong password!!' });
    const unknown = await post('/session', { username: 'nobody', password: 'wrong password!!' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(errorMessage(await wrong.json())).toBe(errorMessage(await unknown.json()));
  });

  it('audits every write with actor, action, target, outcome and source', async () => {
    await post('/tokens', { name: 'denied', role: 'admin' }, bearer(app.tokens.viewer));
    const page = AuditPageSchema.parse(
      await (await fetch(`${app.url}/api/audit?limit=200`, { headers: bearer(adminToken) })).json(),
    );
    const actions = page.entries.map((e) => `${e.action} ${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'token.create success',
        'session.create success',
        'session.create denied',
        'user.create success',
        'user.create failure',
        'token.revoke success',
        'POST /api/tokens denied',
      ]),
    );
    const denied = page.entries.find((e) => e.action === 'POST /api/tokens');
    expect(denied).toMatchObject({
      actor: 'token:viewer',
      source: expect.stringMatching(/127\.0\.0\.1/),
    });
  });

  it('keeps every secret out of the logs', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      adminToken,
      app.tokens.viewer,
      app.tokens.operator,
      'correct horse battery',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('bootstrap', () => {
  it('issues a one-time admin token on a fresh install and retires it once an admin exists', async () => {
    const fresh = await startTestApp();
    try {
      await fresh.store.db.query("UPDATE api_tokens SET revoked_at = now() WHERE origin = 'env'");
      const { bootstrapToken } = await ensureAdminAccess(fresh.store.auth, undefined);
      expect(bootstrapToken).toMatch(/^es_/);
      const token = bootstrapToken ?? '';
      expect((await fetch(`${fresh.url}/api/session`, { headers: bearer(token) })).status).toBe(
        200,
      );
      const admin = await fetch(`${fresh.url}/api/users`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: 'a very long password', role: 'admin' }),
      });
      expect(admin.status).toBe(201);
      expect((await fetch(`${fresh.url}/api/session`, { headers: bearer(token) })).status).toBe(
        401,
      );
      expect((await ensureAdminAccess(fresh.store.auth, undefined)).bootstrapToken).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After and the error shape', async () => {
    const limited = await startTestApp({ limits: { loginsPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await fetch(`${limited.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: 'es_wrong_wrong_wrong_wrong' }),
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ApiErrorSchema.parse(await last?.json()).error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
