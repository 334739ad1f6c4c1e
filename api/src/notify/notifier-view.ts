import type { Notifier } from '@eventscope/shared';
import type { NotifierConfig } from './notifier-store';

/** Scheme and host only: a Slack webhook URL carries its secret in the path. */
export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid URL)';
  }
}

/** What the API shows of a notifier: never its URL path, signing secret or routing key. */
export function toNotifier(c: NotifierConfig): Notifier {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    urlRedacted: redactWebhookUrl(c.url),
    hasSecret: c.secret.length > 0,
    hasRoutingKey: c.routingKey !== null,
    sendResolved: c.sendResolved,
    enabled: c.enabled,
    disabledReason: c.disabledReason,
    matchers: c.matchers.map((m) => ({ label: m.label, op: m.op, value: m.value })),
    groupBy: [...c.groupBy],
    groupWaitSeconds: c.groupWaitSeconds,
    groupIntervalSeconds: c.groupIntervalSeconds,
    repeatIntervalSeconds: c.repeatIntervalSeconds,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
