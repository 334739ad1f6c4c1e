import {
  AlertRuleInputSchema,
  type AlertMetric,
  type AlertRule,
  type AlertRuleInput,
  type Comparison,
  type MatcherLabel,
  type Severity,
} from '@eventscope/shared';
import { zodFieldErrors, type FieldErrors } from './fieldErrors';
import {
  DURATION_SCALES,
  fromQuantity,
  METRICS,
  toQuantity,
  UNIT_SCALES,
  type Quantity,
} from './metrics';

export const GROUP_STATUSES = [
  'OK',
  'WARN',
  'STALL',
  'STOP',
  'REWIND',
  'EMPTY',
  'UNKNOWN',
] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** The rule form as typed: text where the user types numbers, so a half-typed value survives. */
export interface RuleDraft {
  name: string;
  metric: AlertMetric;
  matchers: Partial<Record<MatcherLabel, string>>;
  op: Comparison;
  threshold: Quantity;
  statuses: GroupStatus[];
  /** Empty amount: the api's default window (300 s). */
  window: Quantity;
  forDuration: Quantity;
  keepFiringFor: Quantity;
  severity: Severity;
  /** One `name=value` per line. */
  labels: string;
  summary: string;
  description: string;
  runbookUrl: string;
  enabled: boolean;
}

export const NEW_RULE: RuleDraft = {
  name: '',
  metric: 'lagSeconds',
  matchers: {},
  op: '>',
  threshold: { amount: '60', factor: 1 },
  statuses: [],
  window: { amount: '', factor: 1 },
  forDuration: { amount: '1', factor: 60 },
  keepFiringFor: { amount: '0', factor: 1 },
  severity: 'warning',
  labels: '',
  summary: '',
  description: '',
  runbookUrl: '',
  enabled: true,
};

export function draftFromRule(rule: AlertRule): RuleDraft {
  const scales = UNIT_SCALES[METRICS[rule.metric].unit];
  return {
    name: rule.name,
    metric: rule.metric,
    matchers: { ...rule.matchers },
    op: rule.op,
    threshold: toQuantity(rule.threshold, scales),
    statuses: (rule.statuses ?? []).filter((s): s is GroupStatus =>
      (GROUP_STATUSES as readonly string[]).includes(s),
    ),
    window:
      rule.windowSeconds === undefined
        ? { amount: '', factor: 1 }
        : toQuantity(rule.windowSeconds, DURATION_SCALES),
    forDuration: toQuantity(rule.forSeconds, DURATION_SCALES),
    keepFiringFor: toQuantity(rule.keepFiringForSeconds, DURATION_SCALES),
    severity: rule.severity,
    labels: Object.entries(rule.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    summary: rule.annotations.summary ?? '',
    description: rule.annotations.description ?? '',
    runbookUrl: rule.annotations.runbookUrl ?? '',
    enabled: rule.enabled,
  };
}

/** `team=payments` lines; a line without "=" is reported on the labels field. */
function parseLabels(text: string): { labels: Record<string, string>; bad: string | null } {
  const labels: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { labels, bad: line };
    labels[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { labels, bad: null };
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

/**
 * The request body, checked with the same schema the api uses, so most mistakes are shown
 * next to their field before anything is sent. The api's own 400s land the same way.
 */
export function ruleInputFromDraft(
  draft: RuleDraft,
): { ok: true; input: AlertRuleInput } | { ok: false; errors: FieldErrors } {
  const { labels, bad } = parseLabels(draft.labels);
  const status = draft.metric === 'groupStatus';
  const matchers = Object.fromEntries(
    Object.entries(draft.matchers).flatMap(([k, v]) => (v && v.trim() ? [[k, v.trim()]] : [])),
  );
  const body = {
    name: draft.name.trim(),
    metric: draft.metric,
    matchers,
    op: status ? '==' : draft.op,
    // A status rule's value is 1 while the group is in one of the statuses.
    threshold: status ? 1 : fromQuantity(draft.threshold),
    ...(status ? { statuses: draft.statuses } : {}),
    ...(METRICS[draft.metric].windowed && draft.window.amount.trim() !== ''
      ? { windowSeconds: fromQuantity(draft.window) }
      : {}),
    forSeconds: fromQuantity(draft.forDuration),
    keepFiringForSeconds: fromQuantity(draft.keepFiringFor),
    severity: draft.severity,
    labels,
    annotations: {
      summary: optional(draft.summary),
      description: optional(draft.description),
      runbookUrl: optional(draft.runbookUrl),
    },
    enabled: draft.enabled,
  };
  const parsed = AlertRuleInputSchema.safeParse(body);
  const errors: Record<string, string> = parsed.success ? {} : { ...zodFieldErrors(parsed.error) };
  if (bad !== null) errors.labels = `“${bad}” is not name=value`;
  if (status && draft.statuses.length === 0) errors.statuses = 'Pick at least one status';
  for (const key of ['threshold', 'forSeconds', 'keepFiringForSeconds', 'windowSeconds']) {
    // NaN from an empty or non-numeric box: say it plainly rather than zod's "expected number".
    if (Number.isNaN((body as Record<string, unknown>)[key])) errors[key] = 'Enter a number';
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, errors };
}

/** "lagSeconds > 1 m for 1 m" in words for the rule list. */
export function describeCondition(rule: AlertRule, format: (v: number) => string): string {
  if (rule.metric === 'groupStatus') return `status in ${(rule.statuses ?? []).join(', ')}`;
  return `${rule.op} ${format(rule.threshold)}`;
}
