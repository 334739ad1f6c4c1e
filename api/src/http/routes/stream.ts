import { Router } from 'express';
import type { EventBus } from '../../domain/events';

const heartbeatMs = 15_000;

/**
 * GET /api/stream: server-sent events. A comment line every 15 s keeps proxies from closing
 * an idle connection and lets the browser notice a dead one; `retry` tells EventSource how
 * soon to come back after the api restarts.
 */
export function streamRoutes(bus: EventBus): Router {
  const router = Router();
  router.get('/stream', (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    const unsubscribe = bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  return router;
}
