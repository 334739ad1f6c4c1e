import { toApiError } from '../../api/errors';

/** What went wrong, in words that tell the user what to do next. */
export function signInErrorMessage(error: unknown): string {
  const e = toApiError(error);
  if (e.status === 401) return 'Wrong username, password or token';
  if (e.status === 429) {
    return e.retryAfterSeconds === undefined
      ? 'Too many attempts, try again in a minute'
      : `Too many attempts, try again in ${e.retryAfterSeconds} s`;
  }
  return e.message;
}
