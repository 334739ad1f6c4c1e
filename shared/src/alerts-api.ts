import { z } from 'zod';

/**
 * Alert rules, alerts, silences, notifiers and deliveries (DESIGN.md "API sketch" and
 * "Alert defaults", issue #8). Semantics follow Prometheus + Alertmanager: pending → firing →
 * resolved per series, fingerprints from labels, group_by / group_wait / group_interval /
 * repeat_interval per notifier route, silences by matchers, inhibition.
 */

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export const AlertIdParamsSchema = z.strictObject({ id: Id });

export const AlertMetricSchema = z.enum([
  'lagSeconds',
  'lagMessages',
  'lagGrowth',
  'groupStatus',
  'dlqDepth',
  'dlqInflow',
  'eventSizeP95',
  'eventSizeMax',
  'spanLatencyAvg',
  'spanLatencyP95',
  'clusterUnreachable',
  'collectorStale',
]);
export type AlertMetric = z.infer<typeof AlertMetricSchema>;

/** Labels a rule can scope by; each metric produces series labelled with a subset. */
export const MatcherLabelSchema = z.enum([
  'cluster',
  'group',
  'topic',
  'dlq',
  'service',
  'operation',
]);
export type MatcherLabel = z.infer<typeof MatcherLabelSchema>;

export const ComparisonSchema = z.enum(['>', '>=', '<', '<=', '==', '!=']);
export type Comparison = z.infer<typeof ComparisonSchema>;

export const SeveritySchema = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(`^(?:${source})$`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A rule matcher value: `payments` (equals), `!=payments`, `=~pay.*` (anchored regex) or
 * `!~pay.*`. A bad regex is a 400 naming the matcher.
 */
export const MatcherValueSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (v) => !/^(=~|!~)/.test(v) || isValidRegex(v.slice(2)),
    'must be a valid regular expression',
  );

export const RuleMatchersSchema = z.partialRecord(MatcherLabelSchema, MatcherValueSchema);

const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'must be a label name');
const LabelsSchema = z.record(LabelName, z.string().max(1000));

/** Annotations are mustache templates: {{labels.group}}, {{value}}, {{threshold}}, {{rule}}. */
export const AnnotationsSchema = z.object({
  summary: z.string().max(1000).optional(),
  description: z.string().max(4000).optional(),
  runbookUrl: z.string().url().max(2000).optional(),
});

const Seconds = (max: number) => z.number().int().min(0, 'must not be negative').max(max);

export const AlertRuleInputSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    metric: AlertMetricSchema,
    matchers: RuleMatchersSchema.default({}),
    op: ComparisonSchema,
    threshold: z.number().finite(),
    /** groupStatus only: the statuses that make the condition true (value 1, else 0). */
    statuses: z
      .array(z.enum(['OK', 'WARN', 'STALL', 'STOP', 'REWIND', 'EMPTY', 'UNKNOWN']))
      .min(1)
      .optional(),
    /** Window for rate-like metrics (lagGrowth, dlqInflow, span latency); default 300. */
    windowSeconds: Seconds(86_400).optional(),
    forSeconds: Seconds(86_400),
    keepFiringForSeconds: Seconds(86_400).default(0),
    severity: SeveritySchema,
    labels: LabelsSchema.default({}),
    annotations: AnnotationsSchema.default({}),
    enabled: z.boolean().default(true),
  })
  .refine((r) => r.statuses === undefined || r.metric === 'groupStatus', {
    message: 'statuses applies to the groupStatus metric only',
    path: ['statuses'],
  });
export type AlertRuleInput = z.infer<typeof AlertRuleInputSchema>;

export const AlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: AlertMetricSchema,
  matchers: RuleMatchersSchema,
  op: ComparisonSchema,
  threshold: z.number(),
  statuses: z.array(z.string()).optional(),
  windowSeconds: z.number().int().optional(),
  forSeconds: z.number().int(),
  keepFiringForSeconds: z.number().int(),
  severity: SeveritySchema,
  labels: z.record(z.string(), z.string()),
  annotations: AnnotationsSchema,
  enabled: z.boolean(),
  /** One of the defaults of DESIGN.md seeded on first start (editable like any other). */
  seeded: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last evaluation: ok, or why it could not evaluate. */
  health: z.enum(['ok', 'nodata', 'error']),
  lastError: z.string().nullable(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertStateSchema = z.enum(['pending', 'firing', 'resolved']);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AcknowledgementSchema = z.object({
  by: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
});

export const AlertSchema = z.object({
  /** Fingerprint of the labels (rule labels + series labels + alertname + severity). */
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  state: AlertStateSchema,
  severity: SeveritySchema,
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  /** Last evaluated value; null when NoData/Error. */
  value: z.number().nullable(),
  threshold: z.number(),
  /** nodata: the source is unreachable or stale; the alert keeps its state, never "0, fine". */
  health: z.enum(['ok', 'nodata', 'error']),
  activeAt: z.string().nullable(),
  firedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  lastEvaluatedAt: z.string(),
  silenced: z.boolean(),
  silencedBy: z.array(z.string()),
  inhibited: z.boolean(),
  inhibitedBy: z.array(z.string()),
  acknowledged: AcknowledgementSchema.nullable(),
  /** Deep link into the dashboard view that explains it (group, DLQ, trace, cluster). */
  url: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

const commaList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item));

export const AlertListQuerySchema = z.strictObject({
  state: commaList(AlertStateSchema).optional(),
  severity: commaList(SeveritySchema).optional(),
  /** `label=value` pairs separated by commas, all must match. */
  labels: z
    .string()
    .max(2000)
    .regex(
      /^([a-zA-Z_][a-zA-Z0-9_]*=[^,]*)(,[a-zA-Z_][a-zA-Z0-9_]*=[^,]*)*$/,
      'must be label=value pairs',
    )
    .optional(),
  silenced: z.enum(['true', 'false']).optional(),
  /** Resolved alerts are kept this long in the list; default 24 h. */
  resolvedWithinSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
});

export const AcknowledgeRequestSchema = z.strictObject({
  comment: z.string().max(1000).optional(),
});

// ---------------------------------------------------------------------------------- silences

export const SilenceMatcherSchema = z
  .strictObject({
    label: LabelName,
    op: z.enum(['=', '!=', '=~', '!~']).default('='),
    value: z.string().max(500),
  })
  .refine((m) => !m.op.includes('~') || isValidRegex(m.value), {
    message: 'must be a valid regular expression',
    path: ['value'],
  });
export type SilenceMatcher = z.infer<typeof SilenceMatcherSchema>;

export const SilenceInputSchema = z
  .strictObject({
    matchers: z.array(SilenceMatcherSchema).min(1).max(20),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }),
    comment: z.string().min(1).max(1000),
  })
  .refine((s) => !s.startsAt || Date.parse(s.startsAt) < Date.parse(s.endsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export type SilenceInput = z.infer<typeof SilenceInputSchema>;

export const SilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ label: z.string(), op: z.string(), value: z.string() })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  status: z.enum(['pending', 'active', 'expired']),
  createdAt: z.string(),
});
export type Silence = z.infer<typeof SilenceSchema>;

export const SilenceListQuerySchema = z.strictObject({
  status: z.enum(['pending', 'active', 'expired']).optional(),
});

// --------------------------------------------------------------------------------- notifiers

export const NotifierTypeSchema = z.enum(['webhook', 'slack', 'pagerduty']);
export type NotifierType = z.infer<typeof NotifierTypeSchema>;

/** http(s) only, no credentials in the URL (they would reach logs), no fragment. */
export const WebhookUrlSchema = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.hash
      );
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials or fragment');

const NotifierFieldsSchema = z.strictObject({
  name: z.string().min(1).max(200),
  type: NotifierTypeSchema,
  /** PagerDuty: defaults to https://events.pagerduty.com/v2/enqueue. */
  url: WebhookUrlSchema.optional(),
  /** Standard Webhooks secret `whsec_<base64>`; generated (and shown once) when absent. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be a Standard Webhooks secret (whsec_…)')
    .optional(),
  /** PagerDuty Events v2 integration key. */
  routingKey: z.string().min(1).max(200).optional(),
  sendResolved: z.boolean().default(true),
  enabled: z.boolean().default(true),
  /** Route: which alerts reach this notifier (all when empty). */
  matchers: z.array(SilenceMatcherSchema).max(20).default([]),
  groupBy: z.array(LabelName).max(20).default(['alertname', 'cluster']),
  groupWaitSeconds: z.number().int().min(0).max(3600).default(5),
  groupIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
  repeatIntervalSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(4 * 3600),
});

export const NotifierInputSchema = NotifierFieldsSchema.refine(
  (n) => n.type === 'pagerduty' || n.url !== undefined,
  {
    message: 'url is required for webhook and slack notifiers',
    path: ['url'],
  },
).refine((n) => n.type !== 'pagerduty' || n.routingKey !== undefined, {
  message: 'routingKey is required for pagerduty notifiers',
  path: ['routingKey'],
});
export type NotifierInput = z.infer<typeof NotifierInputSchema>;

/**
 * PUT body: like the create body, but the write-only secrets (`url` of a Slack webhook,
 * `secret`, `routingKey`) may be left out to keep the stored ones, since the API never
 * returns them. The merged result must still satisfy NotifierInputSchema's rules.
 */
export const NotifierUpdateSchema = NotifierFieldsSchema;
export type NotifierUpdate = z.infer<typeof NotifierUpdateSchema>;

export const NotifierSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: NotifierTypeSchema,
  /** Scheme and host only: Slack URLs carry their secret in the path. */
  urlRedacted: z.string(),
  hasSecret: z.boolean(),
  hasRoutingKey: z.boolean(),
  sendResolved: z.boolean(),
  enabled: z.boolean(),
  /** Why it was disabled by the system (e.g. the receiver answered 410 Gone). */
  disabledReason: z.string().nullable(),
  matchers: z.array(z.object({ label: z.string(), op: z.string(), value: z.string() })),
  groupBy: z.array(z.string()),
  groupWaitSeconds: z.number().int(),
  groupIntervalSeconds: z.number().int(),
  repeatIntervalSeconds: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Notifier = z.infer<typeof NotifierSchema>;

/** 201 answer: the generated signing secret is shown once, like API tokens. */
export const NotifierCreatedSchema = NotifierSchema.extend({ secret: z.string().optional() });

export const DeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'dead']);

/** One HTTP attempt of a delivery: what the receiver answered, or why it could not. */
export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DeliverySchema = z.object({
  id: z.string(),
  notifierId: z.string(),
  /** Standard Webhooks `webhook-id`: the same across retries. */
  webhookId: z.string(),
  kind: z.enum(['firing', 'resolved', 'test']),
  groupKey: z.string(),
  alerts: z.number().int().nonnegative(),
  status: DeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** The delivery log: every attempt, oldest first (the latest few when there are many). */
  attemptLog: z.array(DeliveryAttemptSchema).optional(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryListQuerySchema = z.strictObject({
  status: DeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
