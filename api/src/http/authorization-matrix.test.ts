import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, type Role } from '@eventscope/shared';
import { startTestApp, type TestApp } from '../testing/app';
import type { Route } from './route';
import { apiRoutes } from './server';

/**
 * Every declared endpoint × {anonymous, viewer, operator, admin}. The list comes from the
 * same declarations that mount the routes, so a new endpoint is covered the day it lands.
 */
type Caller = 'anonymous' | Role;
const callers: Caller[] = ['anonymous', 'viewer', 'operator', 'admin'];

let app: TestApp;
let routes: Route[];

beforeAll(async () => {
  app = await startTestApp();
  routes = apiRoutes(app.deps);
});
afterAll(() => app.close());

async function call(route: Route, caller: Caller): Promise<number> {
  const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api${path}`, {
    method: route.method.toUpperCase(),
    headers: {
      'content-type': 'application/json',
      ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${app.tokens[caller]}` }),
    },
    ...(route.method === 'get' ? {} : { body: '{}' }),
    signal: controller.signal,
  });
  controller.abort(); // streams (SSE) never end by themselves
  return res.status;
}

function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  return roleAllows(caller, route.access) ? 'allowed' : 403;
}

describe('authorisation matrix', () => {
  it('covers every declared endpoint', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(callers)('as %s, every endpoint answers as its access level says', async (caller) => {
    const table: string[] = [];
    for (const route of routes) {
      const status = await call(route, caller);
      const want = expected(route, caller);
      const ok = want === 'allowed' ? status !== 401 && status !== 403 : status === want;
      table.push(
        `${ok ? 'ok ' : 'BAD'} ${route.method.toUpperCase()} /api${route.path} → ${status} (want ${want})`,
      );
    }
    expect(
      table.filter((line) => line.startsWith('BAD')),
      table.join('\n'),
    ).toEqual([]);
  });

  it('lets anonymous callers read, never write, when anonymous reads are enabled', async () => {
    const open = await startTestApp({ anonymousRead: true });
    try {
      const read = await fetch(`${open.url}/api/session`);
      expect(read.status).toBe(200);
      const write = await fetch(`${open.url}/api/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', role: 'admin' }),
      });
      expect(write.status).toBe(401);
      const admin = await fetch(`${open.url}/api/audit`);
      expect(admin.status).toBe(401);
    } finally {
      await open.close();
    }
  });
});
