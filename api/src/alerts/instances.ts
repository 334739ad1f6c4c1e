import type { AlertMetric, Severity } from '@eventscope/shared';
import type { NotifiableAlert } from '../notify/types';
import type { Labels } from './labels';
import type { Phase } from './state';
import { withRange } from './paths';

export type Health = 'ok' | 'nodata' | 'error';

export interface Ack {
  by: string;
  at: string;
  comment: string | null;
}

/** One alert: a rule × a series, with its phase and what the API and notifications show. */
export interface Instance extends Phase {
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  /** The rule's updatedAt when the annotations were rendered. */
  ruleVersion: string;
  metric: AlertMetric;
  severity: Severity;
  threshold: number;
  family: string;
  seriesKey: string;
  seriesLabels: Labels;
  /** null for series without a cluster (span latency). */
  cluster: string | null;
  labels: Labels;
  annotations: Readonly<Record<string, string>>;
  path: string;
  value: number | null;
  health: Health;
  lastSeenAt: number;
  lastEvaluatedAt: number;
  silencedBy: readonly string[];
  inhibitedBy: readonly string[];
  ack: Ack | null;
  /** Active for the first time (or again): its stored acknowledgement is cleared. */
  fresh: boolean;
}

/** The alerts in memory, by fingerprint and by rule → series key. */
export class AlertSet {
  readonly #byFingerprint = new Map<string, Instance>();
  readonly #byRule = new Map<string, Map<string, Instance>>();

  get(fingerprint: string): Instance | undefined {
    return this.#byFingerprint.get(fingerprint);
  }

  forRule(ruleId: string): ReadonlyMap<string, Instance> | undefined {
    return this.#byRule.get(ruleId);
  }

  add(instance: Instance): void {
    const previous = this.#byFingerprint.get(instance.fingerprint);
    if (previous) this.remove(previous);
    this.#byFingerprint.set(instance.fingerprint, instance);
    let series = this.#byRule.get(instance.ruleId);
    if (!series) this.#byRule.set(instance.ruleId, (series = new Map()));
    series.set(instance.seriesKey, instance);
  }

  remove(instance: Instance): void {
    if (this.#byFingerprint.get(instance.fingerprint) === instance)
      this.#byFingerprint.delete(instance.fingerprint);
    const series = this.#byRule.get(instance.ruleId);
    if (series?.get(instance.seriesKey) === instance) {
      series.delete(instance.seriesKey);
      if (series.size === 0) this.#byRule.delete(instance.ruleId);
    }
  }

  values(): IterableIterator<Instance> {
    return this.#byFingerprint.values();
  }

  get size(): number {
    return this.#byFingerprint.size;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the notification center sees (api/src/notify/types.ts). */
export function toNotifiable(i: Instance): NotifiableAlert {
  return {
    fingerprint: i.fingerprint,
    status: i.state === 'resolved' ? 'resolved' : 'firing',
    severity: i.severity,
    labels: i.labels,
    annotations: i.annotations,
    startsAt: iso(i.firedAt ?? i.activeAt),
    endsAt: i.resolvedAt === null ? null : iso(i.resolvedAt),
    path: withRange(i.path, i.activeAt, Date.now()),
    silenced: i.silencedBy.length > 0,
    inhibited: i.inhibitedBy.length > 0,
    acknowledged: i.ack !== null,
  };
}
