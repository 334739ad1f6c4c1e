import { DemoCommandSchema, DemoStatusSchema } from '@eventscope/demo';
import { audited } from '../../domain/audit';
import { demoStatus, runDemoCommand, type DemoHolder } from '../../domain/demo';
import type { Store } from '../../store';
import { sourceOf } from '../auth';
import { defineRoute, type Route } from '../route';

export function demoRoutes(holder: DemoHolder, store: Pick<Store, 'audit'>): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/demo',
      summary: 'The demo workload: rates, counts, paused services (404 when not running)',
      access: 'viewer',
      response: DemoStatusSchema,
      handler: ({ actor }) => demoStatus(holder, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/demo/commands',
      summary:
        'Pause or resume a demo consumer, inject a burst of orders, poison the next N payments',
      access: 'operator',
      body: DemoCommandSchema,
      response: DemoStatusSchema,
      handler: ({ body, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'demo.command', target: body.action, details: body },
          () => runDemoCommand(holder, actor, body),
        ),
    }),
  ];
}
