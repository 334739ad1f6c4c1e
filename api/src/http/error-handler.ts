import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorStatus, type ApiError, type ErrorCode } from '@eventscope/shared';
import { DomainError } from '../domain/errors';
import type { Logger } from '../logging';

interface HttpParserError {
  type: string;
  status?: number;
}

function isParserError(error: unknown): error is HttpParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}

/** Errors raised by body-parser and friends, mapped to the shared codes. */
function fromParserError(error: HttpParserError): { code: ErrorCode; message: string } | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return { code: 'payload_too_large', message: 'request body is too large' };
    case 'entity.parse.failed':
      return { code: 'bad_request', message: 'request body is not valid JSON' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { code: 'unsupported_media_type', message: 'unsupported content encoding or charset' };
    case 'request.aborted':
      return { code: 'bad_request', message: 'request was aborted' };
    default:
      return error.status && error.status < 500
        ? { code: 'bad_request', message: 'malformed request' }
        : undefined;
  }
}

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId?: string,
  details?: unknown,
): ApiError {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/**
 * What of an unexpected error reaches the log: name, message, code and stack only. Driver
 * errors carry the statement's parameters (secrets, hashes) and row details; those stay out.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code: unknown = 'code' in error ? error.code : undefined;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** The one mapper from thrown errors to the DESIGN.md error shape. Never leaks a stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    let code: ErrorCode;
    let message: string;
    let details: unknown;
    if (error instanceof DomainError) {
      ({ code, message, details } = error);
    } else {
      const parsed = isParserError(error) ? fromParserError(error) : undefined;
      code = parsed?.code ?? 'internal';
      message = parsed?.message ?? 'internal error; the request id identifies it in the server log';
    }
    if (code === 'internal')
      logger.error({ err: loggableError(error), requestId }, 'unhandled error');
    if (res.headersSent) return;
    res.status(errorStatus[code]).json(errorBody(code, message, requestId, details));
  };
}

export const apiNotFound: RequestHandler = (req, res) => {
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  res
    .status(404)
    .json(errorBody('not_found', `no such endpoint: ${req.method} ${req.path}`, requestId));
};
