import { createHash } from 'node:crypto';
import type { Severity } from '@eventscope/shared';
import {
  alertsOf,
  dashboardLink,
  statusOf,
  summaryOf,
  titleOf,
  truncate,
  type NotificationContext,
} from './context';

export const pagerDutyEventsUrl = 'https://events.pagerduty.com/v2/enqueue';

/** PagerDuty keeps at most 5 links per event worth showing; the alerts page is always one. */
const maxLinks = 5;

const rank: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** Stable per notifier and group: the trigger and its resolve address the same incident. */
export function dedupKeyOf(notifierId: string, groupKey: string): string {
  return createHash('sha256').update(`${notifierId}\n${groupKey}`).digest('hex');
}

/** A PagerDuty Events API v2 event: trigger while the group fires, resolve when it is clear. */
export function pagerDutyPayload(ctx: NotificationContext) {
  const dedupKey = ctx.test
    ? `eventscope-test-${dedupKeyOf(ctx.notifier.id, ctx.groupKey).slice(0, 16)}`
    : dedupKeyOf(ctx.notifier.id, ctx.groupKey);
  const alertsPage = dashboardLink(ctx.publicUrl, '/alerts');
  const base = {
    routing_key: ctx.notifier.routingKey ?? '',
    dedup_key: dedupKey,
    client: 'Eventscope',
    client_url: alertsPage,
  };
  if (statusOf(ctx) === 'resolved') return { ...base, event_action: 'resolve' as const };

  const severity = ctx.firing.reduce<Severity>(
    (worst, a) => (rank[a.severity] > rank[worst] ? a.severity : worst),
    'info',
  );
  const first = ctx.firing[0];
  const summary =
    ctx.firing.length === 1 && first
      ? summaryOf(first)
      : `${titleOf(ctx)}: ${ctx.firing.map(summaryOf).join('; ')}`;
  const links = alertsOf(ctx)
    .slice(0, maxLinks - 1)
    .map((a) => ({
      href: dashboardLink(ctx.publicUrl, a.path),
      text: truncate(summaryOf(a), 200),
    }));
  return {
    ...base,
    event_action: 'trigger' as const,
    payload: {
      summary: truncate(summary, 1024),
      source: ctx.groupLabels.cluster ?? first?.labels.cluster ?? 'eventscope',
      severity,
      timestamp: first?.startsAt,
      class: ctx.groupLabels.alertname ?? first?.labels.alertname,
      group: ctx.groupLabels.cluster ?? first?.labels.cluster,
      custom_details: {
        firing: ctx.firing.map((a) => ({
          summary: summaryOf(a),
          labels: a.labels,
          startsAt: a.startsAt,
          link: dashboardLink(ctx.publicUrl, a.path),
        })),
        resolved: ctx.resolved.map((a) => ({ summary: summaryOf(a), labels: a.labels })),
        groupLabels: ctx.groupLabels,
      },
    },
    links: [...links, { href: alertsPage, text: 'Alerts in Eventscope' }],
  };
}
