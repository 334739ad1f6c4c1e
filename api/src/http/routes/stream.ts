import type { EventBus } from '../../domain/events';
import { defineRawRoute, type Route } from '../route';

const heartbeatMs = 15_000;

/**
 * GET /api/stream: server-sent events. A comment line every 15 s keeps proxies from closing
 * an idle connection and lets the browser notice a dead one; `retry` tells EventSource how
 * soon to come back after the api restarts.
 */
export function streamRoute(bus: EventBus): Route {
  return defineRawRoute({
    method: 'get',
    path: '/stream',
    summary: 'Live change notifications (server-sent events): { type, keys } per event',
    access: 'viewer',
    contentType: 'text/event-stream',
    handler(req, res) {
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
    },
  });
}
