import { UnavailableError } from '../domain/errors';

/** The database cannot be reached. Carries the URL with its password masked, never in clear. */
export class StoreUnavailableError extends UnavailableError {
  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`PostgreSQL at ${url} is unreachable: ${reason}`);
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
