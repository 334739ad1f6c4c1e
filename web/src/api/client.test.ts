import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiGet, apiSend, withQuery } from './client';
import { setCsrfToken } from './csrf';
import { ApiClientError, isRetryable, parseRetryAfter, toApiError } from './errors';

const Thing = z.object({ id: z.string(), count: z.number() });

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function stubFetch(answer: Response | Error) {
  const fetchMock = vi.fn(() =>
    answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function rejection(promise: Promise<unknown>): Promise<ApiClientError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiClientError);
  return error as ApiClientError;
}

afterEach(() => vi.unstubAllGlobals());

const withoutCsrf = expect.objectContaining({
  headers: expect.not.objectContaining({ 'x-csrf-token': expect.anything() }),
});

describe('apiGet', () => {
  it('returns the parsed body and sends same-origin credentials', async () => {
    const fetchMock = stubFetch(json({ id: 'a', count: 2, extra: true }));
    await expect(apiGet('/api/things/a', Thing)).resolves.toEqual({ id: 'a', count: 2 });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/things/a',
      expect.objectContaining({ method: 'GET', credentials: 'same-origin' }),
    );
  });

  it('turns a body that breaks the schema into invalid_response', async () => {
    stubFetch(json({ id: 'a', count: 'two' }));
    const error = await rejection(apiGet('/api/things/a', Thing));
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).toContain('count');
  });

  it('turns HTML where JSON was expected into invalid_response', async () => {
    stubFetch(new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    const error = await rejection(apiGet('/api/things/a', Thing));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('text/html');
  });

  it('maps the api error shape, keeping code, message and request id', async () => {
    stubFetch(
      json({ error: { code: 'not_found', message: 'No group g1', requestId: 'req-1' } }, 404),
    );
    const error = await rejection(apiGet('/api/consumer-groups/local/g1', Thing));
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No group g1',
      requestId: 'req-1',
    });
  });

  it('takes the request id from the header when the body has none', async () => {
    stubFetch(
      json({ error: { code: 'unavailable', message: 'Broker down' } }, 503, {
        'x-request-id': 'req-2',
      }),
    );
    const error = await rejection(apiGet('/api/x', Thing));
    expect(error).toMatchObject({ status: 503, code: 'unavailable', requestId: 'req-2' });
  });

  it('maps an error without our shape by its status', async () => {
    stubFetch(new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const error = await rejection(apiGet('/api/x', Thing));
    expect(error).toMatchObject({ status: 502, code: 'unavailable' });
    expect(error.message).toBe('The api answered 502 Bad Gateway without an error body.');
  });

  it('maps a refused connection to network', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await rejection(apiGet('/api/x', Thing));
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('parses accepted non-2xx statuses as data', async () => {
    stubFetch(json({ id: 'h', count: 1 }, 503));
    await expect(apiGet('/api/x', Thing, { acceptStatus: [503] })).resolves.toEqual({
      id: 'h',
      count: 1,
    });
  });
});

describe('apiSend', () => {
  it('sends JSON and parses the answer', async () => {
    const fetchMock = stubFetch(json({ id: 'r1', count: 0 }, 202));
    await expect(apiSend('POST', '/api/replays', { dryRun: true }, Thing)).resolves.toEqual({
      id: 'r1',
      count: 0,
    });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/replays',
      expect.objectContaining({
        method: 'POST',
        body: '{"dryRun":true}',
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
      }),
    );
  });

  it('sends the session CSRF token on writes, and only on writes', async () => {
    setCsrfToken('csrf-1');
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await apiSend('DELETE', '/api/tokens/t1', undefined, z.undefined());
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/tokens/t1',
      expect.objectContaining({ headers: expect.objectContaining({ 'x-csrf-token': 'csrf-1' }) }),
    );
    const getMock = stubFetch(json({ id: 'a', count: 1 }));
    await apiGet('/api/things/a', Thing);
    expect(getMock).toHaveBeenCalledWith('/api/things/a', withoutCsrf);
  });

  it('sends no CSRF header without a session (anonymous or bearer)', async () => {
    const fetchMock = stubFetch(json({ id: 'r1', count: 0 }, 201));
    await apiSend('POST', '/api/x', {}, Thing);
    expect(fetchMock).toHaveBeenCalledWith('/api/x', withoutCsrf);
  });

  it('keeps Retry-After on a 429', async () => {
    stubFetch(
      json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'retry-after': '42' }),
    );
    const error = await rejection(apiSend('POST', '/api/session', { token: 't' }, Thing));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 42 });
  });

  it('accepts 204 when the schema allows no body', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiSend('DELETE', '/api/silences/1', undefined, z.undefined())).resolves.toBe(
      undefined,
    );
  });
});

describe('toApiError', () => {
  it('keeps an ApiClientError as it is', () => {
    const original = new ApiClientError({ status: 409, code: 'conflict', message: 'busy' });
    expect(toApiError(original)).toBe(original);
  });

  it.each([
    [new DOMException('stop', 'AbortError'), 'aborted'],
    [new Error('boom'), 'unknown'],
    ['a string', 'unknown'],
    [z.string().safeParse(1).error, 'invalid_response'],
  ])('%s → %s', (input, code) => expect(toApiError(input).code).toBe(code));

  it.each([
    [{ status: 0, code: 'network' as const }, true],
    [{ status: 503, code: 'unavailable' as const }, true],
    [{ status: 429, code: 'rate_limited' as const }, true],
    [{ status: 404, code: 'not_found' as const }, false],
    [{ status: 200, code: 'invalid_response' as const }, false],
  ])('isRetryable(%j) → %s', (init, expected) =>
    expect(isRetryable(new ApiClientError({ ...init, message: '' }))).toBe(expected),
  );
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores the rest', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:12 GMT', now)).toBe(12);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('drops empty values', () => {
    expect(withQuery('/api/g', { cluster: 'local', q: '', status: undefined, limit: 50 })).toBe(
      '/api/g?cluster=local&limit=50',
    );
    expect(withQuery('/api/g', {})).toBe('/api/g');
  });
});
