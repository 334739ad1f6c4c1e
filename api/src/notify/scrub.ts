/**
 * Driver errors carry the statement and its parameters (the URL, secret and routing key here);
 * the error log would print them. Rethrow without them.
 */
export async function scrubbed<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '?';
    // Deliberately without `cause`: the cause is what carries the parameters.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`${what} failed (database error ${code})`);
  }
}
