import { z } from 'zod';
import {
  AcknowledgeRequestSchema,
  AlertIdParamsSchema,
  AlertListQuerySchema,
  AlertRuleInputSchema,
  AlertRuleSchema,
  AlertSchema,
  SilenceInputSchema,
  SilenceListQuerySchema,
  SilenceSchema,
} from '@eventscope/shared';
import { getAlert, listAlerts, setAcknowledgement } from '../../alerts/alerts';
import type { AlertEngine } from '../../alerts/engine';
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  updateRule,
  type AlertsDeps,
} from '../../alerts/rules';
import { createSilence, expireSilence, listSilences } from '../../alerts/silences';
import { audited } from '../../domain/audit';
import type { Store } from '../../store';
import { sourceOf } from '../auth';
import { defineRoute, type Route } from '../route';

/** Alerts, alert rules and silences (issue #8). Every write is audited. */
export function alertRoutes(deps: { store: Store; alerts: AlertEngine }): Route[] {
  const ctx: AlertsDeps = { db: deps.store.db, engine: deps.alerts };
  const audit = (
    actor: Parameters<typeof audited>[1]['actor'],
    req: Parameters<typeof sourceOf>[0],
    action: string,
    target: string,
    details?: Record<string, unknown>,
  ) => ({
    ctx: { actor, source: sourceOf(req) },
    what: { action, target, ...(details ? { details } : {}) },
  });
  const run = <T>(a: ReturnType<typeof audit>, fn: () => Promise<T>) =>
    audited(deps.store, a.ctx, a.what, fn);

  return [
    defineRoute({
      method: 'get',
      path: '/alerts',
      summary: 'Alerts: firing, pending and recently resolved; filter by state, severity, labels',
      access: 'viewer',
      query: AlertListQuerySchema,
      response: z.array(AlertSchema),
      handler: ({ actor, query }) => listAlerts(ctx, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/alerts/:id',
      summary: 'One alert by its fingerprint',
      access: 'viewer',
      params: AlertIdParamsSchema,
      response: AlertSchema,
      handler: ({ actor, params }) => getAlert(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/alerts/:id/ack',
      summary: 'Acknowledge an active alert (operator)',
      access: 'operator',
      params: AlertIdParamsSchema,
      body: AcknowledgeRequestSchema,
      response: AlertSchema,
      handler: ({ actor, params, body, req }) =>
        run(audit(actor, req, 'alert.ack', params.id), () =>
          setAcknowledgement(ctx, actor, params.id, body),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: '/alerts/:id/ack',
      summary: 'Withdraw the acknowledgement of an alert (operator)',
      access: 'operator',
      params: AlertIdParamsSchema,
      response: AlertSchema,
      handler: ({ actor, params, req }) =>
        run(audit(actor, req, 'alert.unack', params.id), () =>
          setAcknowledgement(ctx, actor, params.id, null),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/alert-rules',
      summary: 'Alert rules with their last evaluation health',
      access: 'viewer',
      response: z.array(AlertRuleSchema),
      handler: ({ actor }) => listRules(ctx, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/alert-rules',
      summary: 'Create an alert rule (admin)',
      access: 'admin',
      status: 201,
      body: AlertRuleInputSchema,
      response: AlertRuleSchema,
      handler: ({ actor, body, req }) =>
        run(audit(actor, req, 'alert-rule.create', body.name, { metric: body.metric }), () =>
          createRule(ctx, actor, body),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/alert-rules/:id',
      summary: 'One alert rule',
      access: 'viewer',
      params: AlertIdParamsSchema,
      response: AlertRuleSchema,
      handler: ({ actor, params }) => getRule(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/alert-rules/:id',
      summary: 'Replace an alert rule (admin); alerts whose labels change resolve',
      access: 'admin',
      params: AlertIdParamsSchema,
      body: AlertRuleInputSchema,
      response: AlertRuleSchema,
      handler: ({ actor, params, body, req }) =>
        run(
          audit(actor, req, 'alert-rule.update', params.id, {
            name: body.name,
            metric: body.metric,
          }),
          () => updateRule(ctx, actor, params.id, body),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: '/alert-rules/:id',
      summary: 'Delete an alert rule (admin); its firing alerts resolve',
      access: 'admin',
      params: AlertIdParamsSchema,
      status: 204,
      response: z.undefined(),
      handler: async ({ actor, params, req }) => {
        await run(audit(actor, req, 'alert-rule.delete', params.id), () =>
          deleteRule(ctx, actor, params.id),
        );
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/silences',
      summary: 'Silences: pending, active and expired',
      access: 'viewer',
      query: SilenceListQuerySchema,
      response: z.array(SilenceSchema),
      handler: ({ actor, query }) => listSilences(ctx, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/silences',
      summary: 'Silence alerts by label matchers for a time (operator)',
      access: 'operator',
      status: 201,
      body: SilenceInputSchema,
      response: SilenceSchema,
      handler: ({ actor, body, req }) =>
        run(
          audit(
            actor,
            req,
            'silence.create',
            body.matchers.map((m) => `${m.label}${m.op}${m.value}`).join(','),
            {
              endsAt: body.endsAt,
              comment: body.comment,
            },
          ),
          () => createSilence(ctx, actor, body),
        ),
    }),
    defineRoute({
      method: 'delete',
      path: '/silences/:id',
      summary: 'Expire a silence now (operator)',
      access: 'operator',
      params: AlertIdParamsSchema,
      response: SilenceSchema,
      handler: ({ actor, params, req }) =>
        run(audit(actor, req, 'silence.expire', params.id), () =>
          expireSilence(ctx, actor, params.id),
        ),
    }),
  ];
}
