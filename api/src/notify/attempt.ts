import { parseRetryAfter } from './backoff';
import { signatureHeaders } from './signing';

/** How one HTTP attempt ended, as the outbox needs to know it. */
export type AttemptOutcome =
  | { kind: 'delivered'; statusCode: number }
  /** 5xx, 429, timeouts, connection errors: try again, after `retryAfterMs` if the receiver said. */
  | { kind: 'retry'; statusCode: number | null; error: string; retryAfterMs?: number }
  /** Other 4xx (and redirects, which are not followed): retrying would not help. */
  | { kind: 'failed'; statusCode: number; error: string }
  /** 410 Gone: the endpoint is no more; the notifier gets disabled. */
  | { kind: 'gone'; statusCode: 410; error: string };

export interface AttemptRequest {
  url: string;
  secret: string;
  webhookId: string;
  body: string;
  userAgent: string;
  timeoutMs: number;
  /** Aborts the attempt (shutdown); it then counts as a retryable failure. */
  signal?: AbortSignal;
}

/** Why a request never got an answer, without the URL (a Slack URL path is a secret). */
export function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return error.name === 'TimeoutError'
      ? `no answer within ${Math.round(timeoutMs / 1000)} s`
      : 'interrupted (shutting down)';
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'connection closed by the receiver',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  };
  if (code) return `${reasons[code] ?? 'network error'} (${code})`;
  return 'network error';
}

/** POSTs one signed message and classifies the answer. Never throws. */
export async function attemptDelivery(req: AttemptRequest): Promise<AttemptOutcome> {
  const now = new Date();
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': req.userAgent,
        ...signatureHeaders(req.secret, req.webhookId, req.body, now),
      },
      body: req.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return { kind: 'retry', statusCode: null, error: describeFailure(error, req.timeoutMs) };
  }
  // The answer's body is not needed (nor logged); drop it so the connection can be reused.
  await res.body?.cancel().catch(() => undefined);
  const status = res.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', statusCode: status };
  if (status === 410)
    return { kind: 'gone', statusCode: 410, error: 'the receiver answered 410 Gone' };
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), new Date());
    return {
      kind: 'retry',
      statusCode: status,
      error: `the receiver answered ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'failed', statusCode: status, error: `redirects are not followed (${status})` };
  }
  return { kind: 'failed', statusCode: status, error: `the receiver answered ${status}` };
}
