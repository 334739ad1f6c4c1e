import type { NotifiableAlert } from '../notify/types';
import { renderAnnotations } from './annotations';
import { toNotifiable, type AlertSet, type Health, type Instance } from './instances';
import { alertLabels, fingerprint } from './labels';
import type { CompiledRule } from './rule-compile';
import type { Series, SeriesSet } from './series';
import { pathFor } from './paths';
import { advance, type Observation, type Phase } from './state';

/** Where a batch of series comes from. */
export interface Scope {
  /** The cluster of the series; null for series without one (span latency). */
  cluster: string | null;
  /** false: the source is unreachable or stale, so values are unknown and missing series are not gone. */
  reachable: boolean;
  /** Why values are unknown (shown as the rule's health reason). */
  reason?: string;
}

export interface RuleHealth {
  health: Health;
  reason: string | null;
}

/** What one or more evaluations changed, until it is stored and handed to notifications. */
export class Changes {
  /** Instances to write (active ones each evaluation: value and lastEvaluatedAt move). */
  readonly dirty = new Set<Instance>();
  /** Pending alerts that went inactive: their rows are deleted. */
  readonly removed = new Map<string, Instance>();
  /** Alerts that resolved, as notified (taken at the transition, before anything else moves). */
  readonly resolved: NotifiableAlert[] = [];
  /** Health per rule per scope seen since the last flush. */
  readonly health = new Map<string, Map<string, RuleHealth>>();

  get empty(): boolean {
    return this.dirty.size === 0 && this.removed.size === 0 && this.resolved.length === 0;
  }

  setHealth(ruleId: string, scope: string, health: RuleHealth): void {
    let byScope = this.health.get(ruleId);
    if (!byScope) this.health.set(ruleId, (byScope = new Map()));
    byScope.set(scope, health);
  }
}

export interface EvalContext {
  now: number;
  graceMs: number;
  /** A series missing from a reachable source this long resolves its alert (a deleted group). */
  missingResolveMs: number;
  alerts: AlertSet;
  changes: Changes;
}

export const scopeKey = (scope: Scope) => scope.cluster ?? 'spans';

const timing = (rule: CompiledRule, ctx: EvalContext) => ({
  forMs: rule.forMs,
  keepFiringForMs: rule.keepFiringForMs,
  graceMs: ctx.graceMs,
});

function create(
  rule: CompiledRule,
  s: Series,
  phase: Phase,
  value: number,
  ctx: EvalContext,
): void {
  const labels = alertLabels(s.labels, rule);
  const instance: Instance = {
    ...phase,
    fingerprint: fingerprint(labels),
    ruleId: rule.id,
    ruleName: rule.name,
    ruleVersion: rule.version,
    metric: rule.metric,
    severity: rule.severity,
    threshold: rule.threshold,
    family: rule.family,
    seriesKey: s.key,
    seriesLabels: s.labels,
    cluster: s.labels.cluster ?? null,
    labels,
    annotations: renderAnnotations(rule.definition, labels, value),
    path: pathFor(rule.metric, s.labels),
    value,
    health: 'ok',
    lastSeenAt: ctx.now,
    lastEvaluatedAt: ctx.now,
    silencedBy: [],
    inhibitedBy: [],
    ack: null,
    fresh: true,
  };
  ctx.alerts.add(instance);
  ctx.changes.dirty.add(instance);
}

/** Moves one existing alert by one observation; `seen`: its series was in this batch. */
export function observe(
  rule: CompiledRule,
  i: Instance,
  observation: Observation,
  value: number | null,
  seen: boolean,
  ctx: EvalContext,
): void {
  const step = advance(i, observation, timing(rule, ctx), ctx.now);
  const health: Health = observation === 'nodata' ? 'nodata' : 'ok';
  const { changes } = ctx;
  if (step.transition === 'inactive' || !step.phase) {
    ctx.alerts.remove(i);
    changes.dirty.delete(i);
    changes.removed.set(i.fingerprint, i);
    return;
  }
  const reactivated = i.state === 'resolved' && step.phase.state !== 'resolved';
  const rerender =
    step.transition !== 'none' || health !== i.health || i.ruleVersion !== rule.version;
  Object.assign(i, step.phase);
  i.value = observation === 'nodata' ? null : value;
  i.health = health;
  i.threshold = rule.threshold;
  i.lastEvaluatedAt = ctx.now;
  if (seen) i.lastSeenAt = ctx.now;
  if (reactivated) {
    i.fresh = true;
    i.ack = null;
  }
  if (rerender) {
    i.annotations = renderAnnotations(rule.definition, i.labels, i.value);
    i.ruleVersion = rule.version;
  }
  if (step.transition === 'resolved') changes.resolved.push(toNotifiable(i));
  // Resolved alerts are written once, when they resolve; active ones every evaluation.
  if (i.state !== 'resolved' || step.transition === 'resolved') changes.dirty.add(i);
}

/** Series of a family by key, built at most once per batch and only when needed. */
class FamilyIndex {
  readonly #byFamily = new Map<string, Map<string, Series>>();
  constructor(readonly series: SeriesSet) {}

  get(family: string, key: string): Series | undefined {
    let index = this.#byFamily.get(family);
    if (!index) {
      index = new Map((this.series.get(family) ?? []).map((s) => [s.key, s]));
      this.#byFamily.set(family, index);
    }
    return index.get(key);
  }
}

/**
 * Evaluates rules against one batch of series (one cluster's snapshot, the span store, or a
 * staleness check). The hot loop is a match, a value and a comparison per (rule, series):
 * only pairs whose condition holds go further. Existing alerts whose condition did not hold
 * are then settled one by one, through an index of their family.
 */
export function evaluateRules(
  rules: Iterable<CompiledRule>,
  series: SeriesSet,
  scope: Scope,
  ctx: EvalContext,
): void {
  const { now } = ctx;
  const key = scopeKey(scope);
  const index = new FamilyIndex(series);
  for (const rule of rules) {
    if (!rule.enabled || !rule.appliesTo(scope.cluster)) continue;
    const list = series.get(rule.family) ?? [];
    const existing = ctx.alerts.forRule(rule.id);
    const t = timing(rule, ctx);
    let unknown = 0;
    if (!scope.reachable) unknown = list.length;
    else
      for (const s of list) {
        if (rule.matchers.length > 0 && !rule.matches(s.labels)) continue;
        const value = rule.valueOf(s);
        if (value === null) {
          unknown++;
          continue;
        }
        if (!rule.holds(value)) continue;
        const i = existing?.get(s.key);
        if (i) observe(rule, i, 'true', value, true, ctx);
        else {
          const step = advance(undefined, 'true', t, now);
          if (step.phase) create(rule, s, step.phase, value, ctx);
        }
      }
    if (existing) settle(rule, existing, index, scope, ctx);
    const health: RuleHealth = !scope.reachable
      ? { health: 'nodata', reason: scope.reason ?? `${key}: no data` }
      : unknown > 0
        ? {
            health: 'nodata',
            reason: `${key}: ${rule.metric} unknown for ${unknown} series`,
          }
        : { health: 'ok', reason: null };
    ctx.changes.setHealth(rule.id, key, health);
  }
}

/**
 * Alerts of this rule and scope not moved by the hot loop. Their series is there: its
 * condition is false (or it is no longer matched), or its value unknown (NoData, state kept).
 * It is missing: NoData until it has been missing from a reachable source for
 * missingResolveMs (a deleted group), then false.
 */
function settle(
  rule: CompiledRule,
  existing: ReadonlyMap<string, Instance>,
  index: FamilyIndex,
  scope: Scope,
  ctx: EvalContext,
): void {
  for (const i of [...existing.values()]) {
    if (i.lastEvaluatedAt === ctx.now || i.cluster !== scope.cluster) continue;
    if (i.state === 'resolved') continue;
    const s = index.get(rule.family, i.seriesKey);
    if (s) {
      const value = scope.reachable ? rule.valueOf(s) : null;
      if (value === null || !rule.matches(s.labels)) {
        if (value === null) observe(rule, i, 'nodata', null, true, ctx);
        else observe(rule, i, 'false', value, true, ctx);
      } else observe(rule, i, rule.holds(value) ? 'true' : 'false', value, true, ctx);
    } else if (scope.reachable && ctx.now - i.lastSeenAt >= ctx.missingResolveMs)
      observe(rule, i, 'false', i.value, false, ctx);
    else observe(rule, i, 'nodata', null, false, ctx);
  }
}
