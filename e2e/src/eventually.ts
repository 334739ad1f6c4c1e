/** Retries `probe` until it resolves or the time is up; the last error explains the failure. */
export async function eventually<T>(
  probe: () => Promise<T>,
  timeoutMs: number,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + Math.max(0, timeoutMs);
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
