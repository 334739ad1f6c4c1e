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
