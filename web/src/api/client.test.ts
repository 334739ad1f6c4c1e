import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiGet, apiSend, withQuery } from './client';
import { ApiClientError, isRetryable, toApiError } from './errors';

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

describe('withQuery', () => {
  it('drops empty values', () => {
    expect(withQuery('/api/g', { cluster: 'local', q: '', status: undefined, limit: 50 })).toBe(
      '/api/g?cluster=local&limit=50',
    );
    expect(withQuery('/api/g', {})).toBe('/api/g');
  });
});
