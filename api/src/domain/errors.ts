import type { ErrorCode } from '@eventscope/shared';

/**
 * Domain errors carry an error code from the shared contract; exactly one mapper per
 * transport (http/error-handler.ts) turns them into responses. Messages are written for
 * the user: they must never contain secrets, stack traces or internal paths.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('bad_request', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'sign in or send an API token') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class UnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', message);
  }
}
