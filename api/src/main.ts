import { parseConfig } from '@eventscope/shared';
import { startApp, StartupError } from './app';

/**
 * The api process entry. Bad configuration stops the start with one line naming the
 * setting and a non-zero exit code; SIGINT/SIGTERM stop everything cleanly.
 */
async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`eventscope: ${parsed.message}\n`);
    process.exit(2);
  }
  try {
    const app = await startApp(parsed.config);
    const shutdown = (signal: string): void => {
      app.logger.info({ signal }, 'shutting down');
      void app.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    const message =
      error instanceof StartupError ? error.message : `failed to start: ${String(error)}`;
    process.stderr.write(`eventscope: ${message}\n`);
    process.exit(1);
  }
}

await main();
