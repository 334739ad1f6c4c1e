import type { AlertMetric, MatcherLabel } from '@eventscope/shared';

/** Where a metric's series come from, and so when its rules are evaluated. */
export type MetricSource =
  /** Each cluster snapshot, as it is recorded. */
  | 'snapshot'
  /** The span store, at most once per sample interval. */
  | 'spans'
  /** Time since a cluster's last snapshot: on each snapshot and on the staleness timer. */
  | 'staleness';

export interface MetricInfo {
  source: MetricSource;
  /** Labels its series carry, so the labels a rule may match on. */
  labels: readonly MatcherLabel[];
  /**
   * A label that splits series finer when a rule matches on it: a lag rule with a `topic`
   * matcher is evaluated per (group, topic), a span rule with `operation` per operation.
   */
  fineLabel?: MatcherLabel;
  /** Silenced by inhibition while its cluster is unreachable or its collector stale. */
  inhibitable: boolean;
  unit: string;
}

const group = ['cluster', 'group', 'topic'] as const;
const dlq = ['cluster', 'dlq', 'topic'] as const;
const topic = ['cluster', 'topic'] as const;
const span = ['service', 'operation'] as const;

export const metricInfo: Readonly<Record<AlertMetric, MetricInfo>> = {
  lagSeconds: {
    source: 'snapshot',
    labels: group,
    fineLabel: 'topic',
    inhibitable: true,
    unit: 's',
  },
  lagMessages: {
    source: 'snapshot',
    labels: group,
    fineLabel: 'topic',
    inhibitable: true,
    unit: 'messages',
  },
  lagGrowth: {
    source: 'snapshot',
    labels: group,
    fineLabel: 'topic',
    inhibitable: true,
    unit: 'messages/s',
  },
  groupStatus: {
    source: 'snapshot',
    labels: group,
    fineLabel: 'topic',
    inhibitable: true,
    unit: '',
  },
  dlqDepth: { source: 'snapshot', labels: dlq, inhibitable: true, unit: 'messages' },
  dlqInflow: { source: 'snapshot', labels: dlq, inhibitable: true, unit: 'messages/min' },
  eventSizeP95: { source: 'snapshot', labels: topic, inhibitable: true, unit: 'bytes' },
  eventSizeMax: { source: 'snapshot', labels: topic, inhibitable: true, unit: 'bytes' },
  spanLatencyAvg: {
    source: 'spans',
    labels: span,
    fineLabel: 'operation',
    inhibitable: false,
    unit: 'ms',
  },
  spanLatencyP95: {
    source: 'spans',
    labels: span,
    fineLabel: 'operation',
    inhibitable: false,
    unit: 'ms',
  },
  clusterUnreachable: { source: 'snapshot', labels: ['cluster'], inhibitable: false, unit: '' },
  collectorStale: { source: 'staleness', labels: ['cluster'], inhibitable: false, unit: 's' },
};

/** Metrics whose firing alerts inhibit the inhibitable alerts of the same cluster. */
export const inhibitingMetrics: ReadonlySet<AlertMetric> = new Set([
  'clusterUnreachable',
  'collectorStale',
]);

/** Which series family a rule reads: the metric, split finer when it matches the fine label. */
export function familyOf(metric: AlertMetric, matcherLabels: readonly string[]): string {
  const fine = metricInfo[metric].fineLabel;
  return fine && matcherLabels.includes(fine) ? `${metric}/${fine}` : metric;
}

/** Window of rate-like metrics when the rule names none. */
export const defaultWindowSeconds = 300;
