import { pino, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '@eventscope/shared';

export type Logger = PinoLogger;

/**
 * Anything that can carry a secret is redacted at the logger, so no call site has to
 * remember: credentials in headers, cookies, and any field named like a secret.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.adminToken',
  '*.databaseUrl',
  '*.sasl',
  'password',
  'secret',
  'token',
];

export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'eventscope' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
