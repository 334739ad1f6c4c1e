import type { AlertMetric } from '@eventscope/shared';
import { labelValue } from './matchers';
import type { Labels } from './labels';

/**
 * Deep links into the SPA (web/src/app/routes.tsx): the view that explains an alert.
 * Made absolute with the public URL by the notifiers.
 */
const enc = encodeURIComponent;

export const groupPath = (cluster: string, group: string) =>
  `/groups/${enc(cluster)}/${enc(group)}`;
export const dlqPath = (cluster: string, topic: string) => `/dlqs/${enc(cluster)}/${enc(topic)}`;
export const topicPath = (cluster: string, topic: string) =>
  `/topics/${enc(cluster)}/${enc(topic)}`;
export const clusterPath = (cluster: string) => `/?cluster=${enc(cluster)}`;
export const servicePath = (service: string) => `/traces?service=${enc(service)}`;

/** The view for an alert on this metric and series. */
export function pathFor(metric: AlertMetric, labels: Labels): string {
  const l = (name: string) => labelValue(labels, name);
  switch (metric) {
    case 'lagSeconds':
    case 'lagMessages':
    case 'lagGrowth':
    case 'groupStatus':
      return groupPath(l('cluster'), l('group'));
    case 'dlqDepth':
    case 'dlqInflow':
      return dlqPath(l('cluster'), l('dlq'));
    case 'eventSizeP95':
    case 'eventSizeMax':
      return topicPath(l('cluster'), l('topic'));
    case 'spanLatencyAvg':
    case 'spanLatencyP95':
      return servicePath(l('service'));
    case 'clusterUnreachable':
    case 'collectorStale':
      return clusterPath(l('cluster'));
  }
}

/** The SPA's global range presets (web/src/lib/timeRange.ts), shortest first. */
const RANGES: ReadonlyArray<readonly [key: string, seconds: number]> = [
  ['15m', 15 * 60],
  ['1h', 3600],
  ['6h', 6 * 3600],
  ['24h', 24 * 3600],
  ['7d', 7 * 24 * 3600],
];

/**
 * The link with the shortest time range that shows the alert from a little before it became
 * active until now, so the charts it lands on show what happened (`?range=…`).
 */
export function withRange(path: string, activeAtMs: number | null, nowMs: number): string {
  if (activeAtMs === null) return path;
  const needed = (nowMs - activeAtMs) / 1000 + 5 * 60;
  const range = RANGES.find(([, seconds]) => seconds >= needed)?.[0] ?? '7d';
  return `${path}${path.includes('?') ? '&' : '?'}range=${range}`;
}
