import type { Role, Session } from '@eventscope/shared';
import { vi } from 'vitest';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, message: string, headers = {}) {
  return json({ error: { code, message } }, status, headers);
}

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A plain value is answered as 200 JSON; a function builds the Response for each call. */
type Answer = ((call: Call) => Response) | object;

/**
 * Stubs fetch with answers keyed by "METHOD /path" (with or without the query string; the
 * exact URL wins). Unknown requests never answer, like an api that is not there yet.
 */
export function stubApi(answers: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const call: Call = {
      method,
      url,
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = answers[`${method} ${url}`] ?? answers[`${method} ${url.split('?')[0]}`];
    if (answer === undefined) return new Promise<Response>(() => undefined);
    return Promise.resolve(typeof answer === 'function' ? answer(call) : json(answer));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

export function sessionAs(role: Role, name = `${role}-user`): Session {
  return {
    principal: { kind: 'user', id: `u-${role}`, name, role },
    csrfToken: `csrf-${role}`,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

export const anonymousSession: Session = {
  principal: { kind: 'anonymous', id: 'anonymous', name: 'anonymous', role: 'viewer' },
  csrfToken: '',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};
