import { alertsOf, commonOf, dashboardLink, statusOf, type NotificationContext } from './context';

/** Receivers get at most this many alerts per message; the rest is counted in truncatedAlerts. */
export const maxAlertsPerMessage = 200;

/** Go's zero time: what Alertmanager sends as endsAt of a firing alert. */
const zeroTime = '0001-01-01T00:00:00Z';

/**
 * The Alertmanager webhook payload, version 4, so receivers written for Alertmanager work
 * unchanged. generatorURL is the deep link into the dashboard view that explains the alert.
 */
export function alertmanagerPayload(ctx: NotificationContext) {
  const alerts = alertsOf(ctx);
  const sent = alerts.slice(0, maxAlertsPerMessage);
  return {
    version: '4',
    groupKey: ctx.groupKey,
    truncatedAlerts: alerts.length - sent.length,
    status: statusOf(ctx),
    receiver: ctx.notifier.name,
    groupLabels: { ...ctx.groupLabels },
    commonLabels: commonOf(alerts, (a) => a.labels),
    commonAnnotations: commonOf(alerts, (a) => a.annotations),
    externalURL: ctx.publicUrl,
    alerts: sent.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? zeroTime,
      generatorURL: dashboardLink(ctx.publicUrl, a.path),
      fingerprint: a.fingerprint,
    })),
  };
}
