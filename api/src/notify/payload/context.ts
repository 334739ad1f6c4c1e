import type { GroupAlert } from '../grouping';

/** What one notification says, before it is shaped for a receiver type. */
export interface NotificationContext {
  notifier: { id: string; name: string; routingKey: string | null };
  groupKey: string;
  groupLabels: Readonly<Record<string, string>>;
  firing: readonly GroupAlert[];
  resolved: readonly GroupAlert[];
  /** EVENTSCOPE_PUBLIC_URL: links into the dashboard are built on it. */
  publicUrl: string;
  /** A "send test" notification rather than a real alert group. */
  test?: boolean;
}

/** `publicUrl` + a dashboard path, keeping any base path of the public URL. */
export function dashboardLink(publicUrl: string, path: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

export const statusOf = (ctx: NotificationContext): 'firing' | 'resolved' =>
  ctx.firing.length > 0 ? 'firing' : 'resolved';

export const alertsOf = (ctx: NotificationContext): GroupAlert[] => [
  ...ctx.firing,
  ...ctx.resolved,
];

/** A one-line title: `[FIRING:2] LagHigh cluster=local`. */
export function titleOf(ctx: NotificationContext): string {
  const status = statusOf(ctx);
  const count = status === 'firing' ? ctx.firing.length : ctx.resolved.length;
  const labels = Object.entries(ctx.groupLabels)
    .filter(([name]) => name !== 'alertname')
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const name = ctx.groupLabels.alertname ?? alertsOf(ctx)[0]?.labels.alertname ?? 'alerts';
  return `[${status.toUpperCase()}:${count}] ${name}${labels ? ` ${labels}` : ''}`;
}

/** The summary annotation, or the alert name and its distinguishing labels. */
export function summaryOf(alert: GroupAlert): string {
  const summary = alert.annotations.summary;
  if (summary) return summary;
  const labels = Object.entries(alert.labels)
    .filter(([name]) => name !== 'alertname' && name !== 'severity')
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return `${alert.labels.alertname ?? 'alert'}${labels ? ` (${labels})` : ''}`;
}

/** Labels (or annotations) shared with the same value by every alert. */
export function commonOf(
  alerts: readonly GroupAlert[],
  pick: (a: GroupAlert) => Readonly<Record<string, string>>,
): Record<string, string> {
  const [first, ...rest] = alerts;
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(pick(first))) {
    if (rest.every((a) => pick(a)[name] === value)) common[name] = value;
  }
  return common;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
