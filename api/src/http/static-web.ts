import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, Router } from 'express';

const apiPrefixes = ['/api', '/v1/', '/metrics'];

/**
 * Serves the built SPA; any other GET that is not an API path gets index.html so deep
 * links (/groups/local/payments?range=1h) survive a reload.
 */
export function staticWeb(webDir: string): Router {
  const router = Router();
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    const notBuilt: RequestHandler = (req, res, next) => {
      if (req.method !== 'GET' || apiPrefixes.some((p) => req.path.startsWith(p))) return next();
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build`.');
    };
    router.use(notBuilt);
    return router;
  }
  router.use(express.static(webDir, { index: false, maxAge: '1h', immutable: false }));
  router.get(/.*/, (req, res, next) => {
    if (apiPrefixes.some((p) => req.path.startsWith(p))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
