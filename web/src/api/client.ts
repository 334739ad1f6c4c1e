import type { z } from 'zod';
import { getCsrfToken } from './csrf';
import { ContractViolation, HttpFailure, parseRetryAfter, toApiError } from './errors';

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * Non-2xx statuses whose body is still the resource, parsed with the schema. Health answers
   * 503 with its normal payload when degraded; that is data to show, not an error.
   */
  acceptStatus?: readonly number[];
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'does not match the contract';
  const where = first.path.length > 0 ? first.path.join('.') : '(root)';
  return `${where}: ${first.message}`;
}

async function readBody(response: Response, path: string): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    // e.g. an HTML page from a dev server or proxy where the api should be.
    if (!response.ok) return text;
    throw new ContractViolation(path, response.status, `expected JSON, got ${type || 'no type'}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ContractViolation(path, response.status, 'the body is not valid JSON');
  }
}

async function request<T>(
  method: 'GET' | Method,
  path: string,
  schema: z.ZodType<T>,
  body: unknown,
  options: RequestOptions,
): Promise<T> {
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Writes made with the session cookie are refused (403) without the session's CSRF token.
    const csrf = getCsrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The session is a same-origin cookie (DESIGN.md "Security model").
      credentials: 'same-origin',
      signal: options.signal,
    });
    const payload = await readBody(response, path);
    if (!response.ok && !options.acceptStatus?.includes(response.status)) {
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      throw new HttpFailure(response.status, response.statusText, payload, requestId, retryAfter);
    }
    // Every answer is parsed: a contract drift surfaces here, not as "undefined" deep in a page.
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new ContractViolation(path, response.status, describeIssues(parsed.error));
    }
    return parsed.data;
  } catch (error) {
    throw toApiError(error);
  }
}

/** GET a JSON resource and parse it with its shared schema. Rejects with ApiClientError. */
export function apiGet<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}) {
  return request('GET', path, schema, undefined, options);
}

/** Send a JSON body and parse the answer with its shared schema. Rejects with ApiClientError. */
export function apiSend<T>(
  method: Method,
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  options: RequestOptions = {},
) {
  return request(method, path, schema, body, options);
}

/** Builds a query string from defined values only, so URLs stay short and cache keys stable. */
export function withQuery(
  path: string,
  params: Record<string, string | number | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
