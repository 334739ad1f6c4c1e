import { NotifierInputSchema, type NotifierInput, type NotifierType } from '@eventscope/shared';
import { zodFieldErrors, type FieldErrors } from './fieldErrors';
import { fromQuantity, type Quantity } from './metrics';
import type { MatcherDraft } from './silenceForm';

export interface NotifierDraft {
  name: string;
  type: NotifierType;
  url: string;
  /** Empty: the api generates one and shows it once. */
  secret: string;
  routingKey: string;
  sendResolved: boolean;
  enabled: boolean;
  matchers: MatcherDraft[];
  /** Comma-separated label names. */
  groupBy: string;
  groupWait: Quantity;
  groupInterval: Quantity;
  repeatInterval: Quantity;
}

/** The Alertmanager-like defaults of NotifierInputSchema, as the form shows them. */
export const NEW_NOTIFIER: NotifierDraft = {
  name: '',
  type: 'webhook',
  url: '',
  secret: '',
  routingKey: '',
  sendResolved: true,
  enabled: true,
  matchers: [],
  groupBy: 'alertname, cluster',
  groupWait: { amount: '5', factor: 1 },
  groupInterval: { amount: '1', factor: 60 },
  repeatInterval: { amount: '4', factor: 3600 },
};

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function notifierInputFromDraft(
  draft: NotifierDraft,
): { ok: true; input: NotifierInput } | { ok: false; errors: FieldErrors } {
  const body = {
    name: draft.name.trim(),
    type: draft.type,
    url: optional(draft.url),
    secret: draft.type === 'webhook' ? optional(draft.secret) : undefined,
    routingKey: draft.type === 'pagerduty' ? optional(draft.routingKey) : undefined,
    sendResolved: draft.sendResolved,
    enabled: draft.enabled,
    matchers: draft.matchers.map(({ label, op, value }) => ({ label: label.trim(), op, value })),
    groupBy: draft.groupBy
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    groupWaitSeconds: fromQuantity(draft.groupWait),
    groupIntervalSeconds: fromQuantity(draft.groupInterval),
    repeatIntervalSeconds: fromQuantity(draft.repeatInterval),
  };
  const parsed = NotifierInputSchema.safeParse(body);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = { ...zodFieldErrors(parsed.error) };
  for (const key of ['groupWaitSeconds', 'groupIntervalSeconds', 'repeatIntervalSeconds']) {
    if (Number.isNaN((body as Record<string, unknown>)[key])) errors[key] = 'Enter a number';
  }
  return { ok: false, errors };
}
