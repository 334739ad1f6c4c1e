import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { EventBus } from '../domain/events';
import type { HealthDeps } from '../domain/health';
import type { Logger } from '../logging';
import { apiNotFound, errorHandler } from './error-handler';
import { healthRoutes } from './routes/health';
import { streamRoutes } from './routes/stream';
import { staticWeb } from './static-web';

export interface ServerDeps extends HealthDeps {
  logger: Logger;
  events: EventBus;
  webDir: string;
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the Express app; never listens (index/app code does), so tests drive it with supertest. */
export function createServer(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // React style props and recharts set style attributes; no <style> elements allowed.
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Plain-HTTP localhost is the default deployment; HSTS belongs to the TLS proxy.
      strictTransportSecurity: false,
    }),
  );
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/api/stream' },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug',
    }),
  );

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(healthRoutes(deps));
  api.use(streamRoutes(deps.events));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(staticWeb(deps.webDir));
  app.use(apiNotFound);
  app.use(errorHandler(deps.logger));
  return app;
}
