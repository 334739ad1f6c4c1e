import type {
  AlertMetric,
  AlertRuleInput,
  Comparison,
  GroupStatusCode,
  Severity,
} from '@eventscope/shared';
import type { Labels } from './labels';
import {
  compileMatchers,
  compileValueTest,
  parseRuleMatcher,
  type LabelsTest,
  type Matcher,
} from './matchers';
import { defaultWindowSeconds, familyOf, metricInfo, type MetricSource } from './metrics';
import type { Series } from './series';

/** A stored rule: its validated definition plus what the store adds. */
export interface RuleRecord {
  id: string;
  definition: AlertRuleInput;
  seeded: boolean;
  createdAt: string;
  updatedAt: string;
  health: 'ok' | 'nodata' | 'error';
  lastError: string | null;
}

/** A rule ready to evaluate: matchers compiled, family resolved, value and comparison bound. */
export interface CompiledRule {
  id: string;
  /** The rule's updatedAt: alerts re-render their annotations when it changes. */
  version: string;
  name: string;
  metric: AlertMetric;
  severity: Severity;
  labels: Labels;
  definition: AlertRuleInput;
  source: MetricSource;
  /** The series family it reads (see metrics.ts familyOf; span families carry the window). */
  family: string;
  enabled: boolean;
  threshold: number;
  forMs: number;
  keepFiringForMs: number;
  windowSeconds: number;
  matchers: readonly Matcher[];
  matches: LabelsTest;
  /** Whether the rule can apply to a cluster at all (its cluster matcher, if any). */
  appliesTo(cluster: string | null): boolean;
  /** The value the rule compares; null when unknown (NoData). */
  valueOf(series: Series): number | null;
  holds(value: number): boolean;
}

/** What a groupStatus rule without `statuses` counts as trouble: the red statuses of UI.md. */
export const defaultTroubleStatuses: readonly GroupStatusCode[] = ['STALL', 'STOP', 'REWIND'];

export function comparator(op: Comparison, threshold: number): (v: number) => boolean {
  switch (op) {
    case '>':
      return (v) => v > threshold;
    case '>=':
      return (v) => v >= threshold;
    case '<':
      return (v) => v < threshold;
    case '<=':
      return (v) => v <= threshold;
    case '==':
      return (v) => v === threshold;
    case '!=':
      return (v) => v !== threshold;
  }
}

function valueFunction(def: AlertRuleInput, windowMs: number): (s: Series) => number | null {
  if (def.metric === 'groupStatus') {
    const counted = new Set<string>(def.statuses ?? defaultTroubleStatuses);
    return (s) => {
      if (s.status === undefined) return null;
      if (counted.has(s.status)) return 1;
      // UNKNOWN means the cluster is unreachable: no data, not "fine".
      return s.status === 'UNKNOWN' ? null : 0;
    };
  }
  if (def.metric === 'lagGrowth')
    return (s) => (s.ring && s.values.lagMessages !== null ? s.ring.growth(windowMs) : null);
  const metric = def.metric;
  return (s) => s.values[metric] ?? null;
}

export function compileRule(
  record: Pick<RuleRecord, 'id' | 'definition'> & { updatedAt?: string },
): CompiledRule {
  const def = record.definition;
  const info = metricInfo[def.metric];
  const matchers = Object.entries(def.matchers).flatMap(([label, raw]) =>
    raw === undefined ? [] : [parseRuleMatcher(label, raw)],
  );
  const windowSeconds = def.windowSeconds ?? defaultWindowSeconds;
  const clusterMatcher = matchers.find((m) => m.label === 'cluster');
  const clusterTest = clusterMatcher && compileValueTest(clusterMatcher.op, clusterMatcher.value);
  const family =
    familyOf(
      def.metric,
      matchers.map((m) => m.label),
    ) + (info.source === 'spans' ? `@${windowSeconds}` : '');
  return {
    id: record.id,
    version: record.updatedAt ?? '',
    name: def.name,
    metric: def.metric,
    severity: def.severity,
    labels: def.labels,
    definition: def,
    source: info.source,
    family,
    enabled: def.enabled,
    threshold: def.threshold,
    forMs: def.forSeconds * 1000,
    keepFiringForMs: def.keepFiringForSeconds * 1000,
    windowSeconds,
    matchers,
    matches: compileMatchers(matchers),
    appliesTo: (cluster) => !clusterTest || cluster === null || clusterTest(cluster),
    valueOf: valueFunction(def, windowSeconds * 1000),
    holds: comparator(def.op, def.threshold),
  };
}
