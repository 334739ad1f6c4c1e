import { ApiErrorSchema, errorStatus, type ErrorCode } from '@eventscope/shared';
import { ZodError } from 'zod';

/**
 * Codes the api sends (ErrorCode from shared) plus the failures that happen before or after it
 * answers: no connection, an answer that breaks the contract, a cancelled request.
 */
export type ClientErrorCode = ErrorCode | 'network' | 'invalid_response' | 'aborted' | 'unknown';

/** The one error type the UI deals with; `status` is 0 when no HTTP answer arrived. */
export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly requestId: string | undefined;
  /** From a 429's Retry-After header: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;
  /** The error body's `details` (a 400 names each bad field there), for forms to place. */
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    requestId?: string;
    retryAfterSeconds?: number;
    details?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.details = init.details;
  }
}

/** A non-2xx answer, before it is mapped. Internal to the client; callers see ApiClientError. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly body: unknown,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Thrown by the client when a 2xx body does not match its schema. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    readonly path: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const codeByStatus = new Map<number, ErrorCode>(
  Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]),
);

function fromHttp(failure: HttpFailure): ApiClientError {
  const parsed = ApiErrorSchema.safeParse(failure.body);
  if (parsed.success) {
    const { code, message, requestId, details } = parsed.data.error;
    return new ApiClientError({
      status: failure.status,
      code,
      message,
      requestId: requestId ?? failure.requestId,
      retryAfterSeconds: failure.retryAfterSeconds,
      details,
    });
  }
  // Not our error shape: a proxy, a load balancer or an api that is not up yet answered.
  const label = failure.statusText ? `${failure.status} ${failure.statusText}` : failure.status;
  return new ApiClientError({
    status: failure.status,
    code: codeByStatus.get(failure.status) ?? (failure.status >= 500 ? 'unavailable' : 'unknown'),
    message: `The api answered ${label} without an error body.`,
    requestId: failure.requestId,
    retryAfterSeconds: failure.retryAfterSeconds,
  });
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Maps anything thrown while talking to the api into one ApiClientError. */
export function toApiError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  if (error instanceof HttpFailure) return fromHttp(error);
  if (error instanceof ContractViolation) {
    return new ApiClientError({
      status: error.status,
      code: 'invalid_response',
      message: `Unexpected answer from ${error.path}: ${error.reason}`,
    });
  }
  if (error instanceof ZodError) {
    return new ApiClientError({
      status: 0,
      code: 'invalid_response',
      message: `Unexpected answer from the api: ${error.issues[0]?.message ?? 'invalid'}`,
    });
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new ApiClientError({
      status: 0,
      code: 'aborted',
      message: 'The request was cancelled.',
    });
  }
  // fetch rejects with a TypeError when there is no HTTP answer at all (offline, refused, CORS).
  if (error instanceof TypeError) {
    return new ApiClientError({
      status: 0,
      code: 'network',
      message: 'Cannot reach the Eventscope api. Check that it is running and your connection.',
    });
  }
  return new ApiClientError({
    status: 0,
    code: 'unknown',
    message: error instanceof Error ? error.message : String(error),
  });
}

/** Whether retrying can help: not for 4xx answers or broken contracts. */
export function isRetryable(error: unknown): boolean {
  const { status, code } = toApiError(error);
  if (code === 'invalid_response' || code === 'aborted') return false;
  if (status === 429) return true;
  return status === 0 || status >= 500;
}
