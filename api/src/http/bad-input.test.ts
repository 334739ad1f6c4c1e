import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, HealthSchema } from '@eventscope/shared';
import { startTestApp, type TestApp } from '../testing/app';
import type { Route } from './route';
import { apiRoutes } from './server';

/**
 * Hostile input against every declared endpoint, as the most privileged caller (so role
 * checks do not hide validation): each answer is the error shape with a 4xx, nothing is
 * written, and the server stays healthy.
 */
let app: TestApp;
let routes: Route[];
const headers = () => ({
  authorization: `Bearer ${app.tokens.admin}`,
  'content-type': 'application/json',
});

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['users', 'api_tokens', 'sessions']) {
    const { rows } = await app.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = rows[0]?.n ?? -1;
  }
  return counts;
}

async function expectError(res: Response, statuses: number[]): Promise<void> {
  expect(statuses).toContain(res.status);
  const body: unknown = await res.json();
  const parsed = ApiErrorSchema.parse(body);
  expect(JSON.stringify(parsed)).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//);
}

beforeAll(async () => {
  app = await startTestApp({ limits: { writesPerMinute: 100_000, loginsPerMinute: 100_000 } });
  routes = apiRoutes(app.deps);
});
afterAll(() => app.close());

const hostileBodies: [string, string][] = [
  ['an array', '[]'],
  ['a string', '"x"'],
  ['a number', '42'],
  ['null', 'null'],
  ['malformed JSON', '{"name": '],
  [
    'wrong types',
    '{"name": 123, "role": ["admin"], "username": {}, "password": 5, "token": false}',
  ],
  ['unknown role', '{"name": "x", "role": "root"}'],
  [
    'control characters',
    JSON.stringify({ name: 'a\u0000b\u0007', role: 'viewer', username: 'a\u0000', password: 'x' }),
  ],
  [
    'prototype pollution',
    '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}',
  ],
  ['unknown fields', JSON.stringify({ name: 'x', role: 'viewer', extra: true })],
  ['a deeply nested value', `${'['.repeat(5000)}${']'.repeat(5000)}`],
];

describe('bad input on every endpoint with a body', () => {
  it.each(hostileBodies)('%s → 400/413, nothing written, still healthy', async (_what, body) => {
    const before = await rowCounts();
    const writable = routes.filter((r) => r.schemas.body);
    expect(writable.length).toBeGreaterThan(0);
    for (const route of writable) {
      const res = await fetch(`${app.url}/api${route.path}`, {
        method: route.method.toUpperCase(),
        headers: headers(),
        body,
      });
      await expectError(res, [400, 401]);
    }
    expect(await rowCounts()).toEqual(before);
    expect(
      HealthSchema.parse(await (await fetch(`${app.url}/api/health`)).json()).store.status,
    ).toBe('up');
  });

  it("a body over the route's limit → 413 everywhere", async () => {
    const units: Record<string, number> = { kb: 1024, mb: 1024 * 1024 };
    for (const route of routes.filter((r) => r.schemas.body)) {
      const [, amount, unit] = /^(\d+)(kb|mb)$/.exec(route.bodyLimit) ?? [];
      const limit = Number(amount) * (units[unit ?? ''] ?? Number.NaN);
      expect(limit).toBeGreaterThan(0);
      const res = await fetch(`${app.url}/api${route.path}`, {
        method: route.method.toUpperCase(),
        headers: headers(),
        body: JSON.stringify({ name: 'x'.repeat(limit + 1024) }),
      });
      await expectError(res, [413]);
    }
  });

  it('SQL- and JSON-looking names are stored literally, not run', async () => {
    const name = `'; DROP TABLE users; -- {"$gt": ""} \u202e mirrored ☃`;
    const res = await fetch(`${app.url}/api/tokens`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ name, role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    const list: unknown = await (
      await fetch(`${app.url}/api/tokens`, { headers: headers() })
    ).json();
    expect(JSON.stringify(list)).toContain(JSON.stringify(name).slice(1, -1));
    await rowCounts(); // the users table is still there
  });
});

describe('bad ids, queries and credentials', () => {
  it.each([
    ['/tokens/not-a-uuid', 'DELETE', 400],
    ['/tokens/7f1e8c52-3d0b-4c8e-9a55-0e2b8f6a1c33', 'DELETE', 404],
    ['/tokens/%00', 'DELETE', 400],
    ['/audit?limit=-1', 'GET', 400],
    ['/audit?limit=100000', 'GET', 400],
    ['/audit?before=9223372036854775808999', 'GET', 400],
    ['/audit?before=1;DROP', 'GET', 400],
    ['/audit?unknown=1', 'GET', 400],
    ['/nope', 'GET', 404],
  ])('%s %s → %i', async (path, method, status) => {
    const res = await fetch(`${app.url}/api${path}`, { method, headers: headers() });
    await expectError(res, [status]);
  });

  it.each([
    ['a malformed bearer', { authorization: 'Bearer' }],
    [
      'an unknown bearer',
      { authorization: 'Bearer es_0000000000000000000000000000000000000000000' },
    ],
    ['another scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a garbage cookie', { cookie: 'es_session=%%%; other=1' }],
    ['a huge cookie', { cookie: `es_session=${'a'.repeat(6000)}` }],
    ['a forged cookie', { cookie: 'es_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
  ])('%s → 401', async (_what, credentials) => {
    const res = await fetch(`${app.url}/api/session`, { headers: credentials });
    await expectError(res, [401]);
  });

  it.each([
    [
      'control characters in a header',
      'Authorization: Bearer es_\u0001\u0002aaaaaaaaaaaaaaaaaaaa\r\n',
      400,
    ],
    ['a 100 KiB header', `X-Big: ${'a'.repeat(100 * 1024)}\r\n`, 431],
  ])('%s, sent as raw bytes → %i in the error shape', async (_what, header, status) => {
    const { port } = new URL(app.url);
    const raw = await new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(
          `GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}Connection: close\r\n\r\n`,
        ),
      );
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    ApiErrorSchema.parse(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)));
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
