import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { DemoHolder } from '../domain/demo';
import type { EventBus } from '../domain/events';
import type { HealthDeps } from '../domain/health';
import type { LatestSnapshots } from '../domain/lag/latest';
import type { SnapshotRecorder } from '../domain/lag/recorder';
import type { Masker } from '../domain/masking';
import { otlpRouter } from '../otlp/router';
import type { ExportPreparer } from '../otlp/prepare-pool';
import type { SpanIngest } from '../traces';
import type { Logger } from '../logging';
import type { Store } from '../store';
import { UnauthenticatedError } from '../domain/errors';
import { actorOf, authenticate, routeGuard, type AuthOptions } from './auth';
import { apiNotFound, errorHandler } from './error-handler';
import { buildOpenApi } from './openapi';
import { defineRawRoute, defineRoute, mountRoutes, type Route } from './route';
import { createMetrics } from './metrics';
import { authRoutes } from './routes/auth';
import { demoRoutes } from './routes/demo';
import { lagRoutes } from './routes/lag';
import { traceRoutes } from './routes/traces';
import { dlqReplayRoutes } from './routes/dlq-replay';
import type { ReplayService } from '../replay';
import { notifierRoutes } from './routes/notifiers';
import { alertRoutes } from './routes/alerts';
import type { AlertEngine } from '../alerts/engine';
import type { Notifications } from '../notify';
import { healthRoute } from './routes/health';
import { streamRoute } from './routes/stream';
import { staticWeb } from './static-web';
import { z } from 'zod';

export interface ServerDeps extends Omit<HealthDeps, 'store'> {
  logger: Logger;
  events: EventBus;
  store: Store;
  latest: LatestSnapshots;
  recorder: Pick<SnapshotRecorder, 'record'>;
  retention: { rawHours: number };
  sampleIntervalMs: number;
  demo: DemoHolder;
  masker: Masker;
  /** Accept OTLP spans without a token (the localhost demo). */
  otlpAnonymous?: boolean;
  /** Where spans are stored (OTLP and hop spans share it). */
  spans: SpanIngest;
  /** Decode threads for OTLP bodies; default the event loop. */
  otlpPreparer?: ExportPreparer;
  webDir: string;
  /** DLQ browse, replay and discard (api/src/replay). */
  replays: ReplayService;
  /** Notifiers, the notification outbox and its delivery log (api/src/notify). */
  notifications: Notifications;
  /** The alert rule engine: rules, alerts, silences and acknowledgements (api/src/alerts). */
  alerts: AlertEngine;
  anonymousRead?: boolean;
  limits?: AuthOptions['limits'];
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** Every JSON endpoint under /api, declared once (see route.ts). */
export function apiRoutes(deps: ServerDeps): Route[] {
  const routes = [
    healthRoute(deps),
    streamRoute(deps.events),
    ...authRoutes(deps.store),
    ...lagRoutes(deps),
    ...traceRoutes({ db: deps.store.db, masker: deps.masker }),
    ...demoRoutes(deps.demo, deps.store),
    ...dlqReplayRoutes(deps.replays),
    ...notifierRoutes(deps),
    ...alertRoutes(deps),
  ];
  const openApi = defineRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: () => document,
  });
  const document = buildOpenApi([...routes, openApi], deps.version);
  return [...routes, openApi];
}

/** Builds the Express app; never listens (app.ts does), so tests drive it with supertest. */
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

  const auth: AuthOptions = {
    store: deps.store,
    anonymousRead: deps.anonymousRead ?? false,
    ...(deps.limits ? { limits: deps.limits } : {}),
  };
  const api = express.Router();
  api.use(cookieParser());
  api.use(authenticate(auth));
  mountRoutes(api, apiRoutes(deps), { actorOf, guard: routeGuard(auth) });
  api.use(apiNotFound);
  app.use('/api', api);

  // Prometheus scrapes /metrics with a viewer token (Authorization: Bearer …).
  const metrics = createMetrics(deps);
  const metricsRoute = defineRawRoute({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus exposition',
    access: 'viewer',
    contentType: metrics.contentType,
    async handler(_req, res) {
      res.type(metrics.contentType).send(await metrics.metrics());
    },
  });
  // OTLP/HTTP: instrumented services send spans with any API token (or none, when allowed).
  const otlpAccess: express.RequestHandler = (_req, res, next) => {
    const actor = actorOf(res);
    if (deps.otlpAnonymous || (actor && actor.kind !== 'anonymous')) return next();
    throw new UnauthenticatedError(
      'send an API token (Authorization: Bearer …) with OTLP requests',
    );
  };
  app.use(
    '/v1',
    cookieParser(),
    authenticate(auth),
    otlpAccess,
    otlpRouter({
      ingest: deps.spans,
      ...(deps.otlpPreparer ? { preparer: deps.otlpPreparer } : {}),
      logger: deps.logger,
    }),
  );

  const root = express.Router();
  root.use(cookieParser(), authenticate(auth));
  mountRoutes(root, [metricsRoute], { actorOf, guard: routeGuard(auth) });
  app.use(root);

  app.use(staticWeb(deps.webDir));
  app.use(apiNotFound);
  app.use(errorHandler(deps.logger));
  return app;
}
