import { z } from 'zod';
import {
  AlertIdParamsSchema,
  DeliveryListQuerySchema,
  DeliverySchema,
  NotifierCreatedSchema,
  NotifierInputSchema,
  NotifierSchema,
  NotifierUpdateSchema,
} from '@eventscope/shared';
import { audited } from '../../domain/audit';
import type { Notifications } from '../../notify';
import type { Store } from '../../store';
import { sourceOf } from '../auth';
import { defineRoute, type Route } from '../route';

/** Notifiers (admin writes, viewer reads), "send test", and each notifier's delivery log. */
export function notifierRoutes(deps: { store: Store; notifications: Notifications }): Route[] {
  const { store, notifications } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/notifiers',
      summary: 'List notifiers (never their URL path, signing secret or routing key)',
      access: 'viewer',
      response: z.array(NotifierSchema),
      handler: ({ actor }) => notifications.listNotifiers(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/notifiers',
      summary: 'Create a notifier (admin); a generated signing secret is in this response only',
      access: 'admin',
      status: 201,
      body: NotifierInputSchema,
      response: NotifierCreatedSchema,
      handler: ({ body, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'notifier.create', target: body.name, details: { type: body.type } },
          () => notifications.createNotifier(actor, body),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/notifiers/:id',
      summary: 'One notifier',
      access: 'viewer',
      params: AlertIdParamsSchema,
      response: NotifierSchema,
      handler: ({ params, actor }) => notifications.getNotifier(actor, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/notifiers/:id',
      summary: 'Replace a notifier (admin); url, secret and routingKey are kept when left out',
      access: 'admin',
      params: AlertIdParamsSchema,
      body: NotifierUpdateSchema,
      response: NotifierSchema,
      handler: ({ params, body, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          {
            action: 'notifier.update',
            target: params.id,
            details: { name: body.name, type: body.type, enabled: body.enabled },
          },
          () => notifications.updateNotifier(actor, params.id, body),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: '/notifiers/:id',
      summary: 'Delete a notifier with its pending deliveries (admin)',
      access: 'admin',
      params: AlertIdParamsSchema,
      status: 204,
      response: z.undefined(),
      handler: ({ params, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'notifier.delete', target: params.id },
          () => notifications.deleteNotifier(actor, params.id),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/notifiers/:id/test',
      summary: 'Send a test notification through the outbox (admin); answers with its delivery',
      access: 'admin',
      params: AlertIdParamsSchema,
      response: DeliverySchema,
      handler: ({ params, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'notifier.test', target: params.id },
          () => notifications.sendTest(actor, params.id),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/notifiers/:id/deliveries',
      summary: "A notifier's delivery log, newest first, with every attempt",
      access: 'viewer',
      params: AlertIdParamsSchema,
      query: DeliveryListQuerySchema,
      response: z.array(DeliverySchema),
      handler: ({ params, query, actor }) => notifications.listDeliveries(actor, params.id, query),
    }),
  ];
}
