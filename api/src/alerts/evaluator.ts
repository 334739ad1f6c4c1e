import type { ClusterSnapshot } from '@eventscope/shared';
import { renderAnnotations } from './annotations';
import { Changes, evaluateRules, type Scope } from './evaluate';
import { applyFlags, type CompiledSilence } from './flags';
import { AlertSet, toNotifiable, type Ack, type Instance } from './instances';
import { alertLabels, fingerprint } from './labels';
import { LagRings } from './lag-growth';
import type { CompiledRule } from './rule-compile';
import { SeriesCache, snapshotSeries, stalenessSeries, type SeriesSet } from './series';
import type { SpanWindow } from './span-series';

interface RuleSets {
  /** Snapshot rules about the cluster's data: lag, status, DLQs, sizes. */
  data: CompiledRule[];
  /** Rules about the source itself (cluster unreachable, collector stale): always evaluated. */
  source: CompiledRule[];
  staleness: CompiledRule[];
  spans: CompiledRule[];
  /** Snapshot series families some enabled rule reads. */
  families: Set<string>;
  /** Lag history kept for lagGrowth: the longest window. */
  growthRetainMs: number;
}

function partition(rules: Iterable<CompiledRule>): RuleSets {
  const sets: RuleSets = {
    data: [],
    source: [],
    staleness: [],
    spans: [],
    families: new Set(),
    growthRetainMs: 300_000,
  };
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.source === 'spans') sets.spans.push(rule);
    else if (rule.source === 'staleness') sets.staleness.push(rule);
    else if (rule.metric === 'clusterUnreachable') sets.source.push(rule);
    else sets.data.push(rule);
    if (rule.source !== 'spans') sets.families.add(rule.family);
    if (rule.metric === 'lagGrowth')
      sets.growthRetainMs = Math.max(sets.growthRetainMs, rule.windowSeconds * 1000);
  }
  sets.source.push(...sets.staleness);
  return sets;
}

export interface EvaluatorOptions {
  sampleIntervalMs: number;
  /** A series missing from a reachable cluster this long resolves its alert. */
  missingResolveMs: number;
}

/**
 * The alert engine's state and evaluation, in memory and without I/O (the engine stores and
 * notifies; the benchmark drives this directly). Every method records what it changed in
 * `changes` until the engine has stored them and calls `committed`.
 */
export class Evaluator {
  readonly alerts = new AlertSet();
  changes = new Changes();
  readonly #rings = new LagRings();
  readonly #cache = new SeriesCache();
  readonly #clusters = new Map<string, number>();
  readonly #interval: number;
  readonly #graceMs: number;
  readonly #missingResolveMs: number;
  #rules = new Map<string, CompiledRule>();
  #sets = partition([]);
  #silences: readonly CompiledSilence[] = [];
  #lastSpansAt = 0;
  #lastForgetAt = 0;

  constructor(opts: EvaluatorOptions) {
    this.#interval = opts.sampleIntervalMs;
    // Samples arrive on a jittery interval; `for` durations are met within a quarter of one.
    this.#graceMs = Math.min(opts.sampleIntervalMs / 4, 1000);
    this.#missingResolveMs = opts.missingResolveMs;
  }

  get rules(): ReadonlyMap<string, CompiledRule> {
    return this.#rules;
  }

  #ctx(now: number) {
    return {
      now,
      graceMs: this.#graceMs,
      missingResolveMs: this.#missingResolveMs,
      alerts: this.alerts,
      changes: this.changes,
    };
  }

  /** Alerts read back from the store at start; their clusters count as fresh from now. */
  restore(instances: readonly Instance[], now: number): void {
    for (const i of instances) {
      this.alerts.add(i);
      if (i.cluster !== null && !this.#clusters.has(i.cluster)) this.#clusters.set(i.cluster, now);
    }
  }

  /**
   * New rules, silences and acknowledgements. Alerts whose rule is gone or disabled, no longer
   * matches their series, or would now carry other labels, end (firing ones resolve and are notified); the others pick up the
   * new threshold and annotations.
   */
  configure(
    rules: readonly CompiledRule[],
    silences: readonly CompiledSilence[],
    acks: ReadonlyMap<string, Ack | null>,
    now: number,
  ): void {
    this.#rules = new Map(rules.map((r) => [r.id, r]));
    this.#sets = partition(rules);
    this.#silences = silences;
    const { changes } = this;
    for (const i of [...this.alerts.values()]) {
      const rule = this.#rules.get(i.ruleId);
      if (
        !rule?.enabled ||
        rule.family !== i.family ||
        !rule.matches(i.seriesLabels) ||
        fingerprint(alertLabels(i.seriesLabels, rule)) !== i.fingerprint
      ) {
        this.#retire(i, now);
        continue;
      }
      if (rule.version !== i.ruleVersion) {
        i.ruleVersion = rule.version;
        i.threshold = rule.threshold;
        i.annotations = renderAnnotations(rule.definition, i.labels, i.value);
        changes.dirty.add(i);
      }
      const ack = i.fresh ? null : (acks.get(i.fingerprint) ?? null);
      if (JSON.stringify(ack) !== JSON.stringify(i.ack)) {
        i.ack = ack;
        changes.dirty.add(i);
      }
    }
  }

  #retire(i: Instance, now: number): void {
    const { changes } = this;
    if (i.state === 'pending') {
      this.alerts.remove(i);
      changes.dirty.delete(i);
      changes.removed.set(i.fingerprint, i);
    } else if (i.state === 'firing') {
      i.state = 'resolved';
      i.resolvedAt = now;
      changes.resolved.push(toNotifiable(i));
      changes.dirty.add(i);
    }
  }

  /** The rules that read cluster snapshots, on one snapshot. */
  evaluateSnapshot(snapshot: ClusterSnapshot, now: number): void {
    const sets = this.#sets;
    this.#clusters.set(snapshot.cluster, now);
    const series = snapshotSeries(snapshot, {
      families: sets.families,
      cache: this.#cache,
      rings: this.#rings,
      retainMs: sets.growthRetainMs,
    });
    const scope: Scope = {
      cluster: snapshot.cluster,
      reachable: snapshot.reachable,
      ...(snapshot.reachable
        ? {}
        : { reason: `${snapshot.cluster}: unreachable (${snapshot.error ?? 'no answer'})` }),
    };
    evaluateRules(sets.data, series, scope, this.#ctx(now));
    // Rules about the source are evaluated even (above all) when it cannot be reached.
    evaluateRules(
      sets.source,
      series,
      { cluster: snapshot.cluster, reachable: true },
      this.#ctx(now),
    );
    if (now - this.#lastForgetAt >= 60_000) {
      this.#rings.forgetOlderThan(now - sets.growthRetainMs - 60_000);
      this.#cache.forgetOlderThan(now - Math.max(sets.growthRetainMs, 600_000));
      this.#lastForgetAt = now;
    }
  }

  /** Collector staleness; a cluster silent for 3 sample intervals has its data alerts on NoData. */
  evaluateStaleness(now: number): void {
    for (const [cluster, lastSnapshotAt] of this.#clusters) {
      const ageMs = now - lastSnapshotAt;
      evaluateRules(
        this.#sets.staleness,
        stalenessSeries(cluster, ageMs / 1000),
        { cluster, reachable: true },
        this.#ctx(now),
      );
      if (ageMs > 3 * this.#interval)
        evaluateRules(
          this.#sets.data,
          new Map(),
          {
            cluster,
            reachable: false,
            reason: `${cluster}: no sample for ${Math.round(ageMs / 1000)} s (collector stale)`,
          },
          this.#ctx(now),
        );
    }
  }

  /** The span windows to query now, or none (no span rules, or queried within the interval). */
  spanWindowsDue(now: number): SpanWindow[] {
    if (this.#sets.spans.length === 0 || now - this.#lastSpansAt < this.#interval - this.#graceMs)
      return [];
    this.#lastSpansAt = now;
    // One query per window; per operation when any rule of that window needs it.
    const windows = new Map<number, SpanWindow>();
    for (const r of this.#sets.spans) {
      const perOperation =
        r.family.includes('/operation') || (windows.get(r.windowSeconds)?.perOperation ?? false);
      windows.set(r.windowSeconds, { windowSeconds: r.windowSeconds, perOperation });
    }
    return [...windows.values()];
  }

  evaluateSpans(series: SeriesSet, now: number): void {
    evaluateRules(this.#sets.spans, series, { cluster: null, reachable: true }, this.#ctx(now));
  }

  spanQueryFailed(reason: string): void {
    for (const r of this.#sets.spans)
      this.changes.setHealth(r.id, 'spans', { health: 'error', reason });
  }

  /** Silences that started or ended, inhibitions that began or lifted. */
  applyFlags(now: number): void {
    applyFlags(this.alerts, this.#silences, now, this.changes);
  }

  /** After the engine stored `dirty`: resolved alerts leave memory, fresh ones are no more. */
  committed(dirty: readonly Instance[]): void {
    for (const i of dirty) {
      i.fresh = false;
      if (i.state === 'resolved') this.alerts.remove(i);
    }
    this.changes = new Changes();
  }
}
