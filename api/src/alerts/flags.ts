import type { Changes } from './evaluate';
import type { AlertSet } from './instances';
import { compileMatchers, type LabelsTest, type Matcher } from './matchers';
import { inhibitingMetrics, metricInfo } from './metrics';

export interface SilenceWindow {
  id: string;
  matchers: readonly Matcher[];
  startsAt: number;
  endsAt: number;
}

export interface CompiledSilence extends SilenceWindow {
  matches: LabelsTest;
}

export function compileSilence(s: SilenceWindow): CompiledSilence {
  return { ...s, matches: compileMatchers(s.matchers) };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Recomputes who is silenced and inhibited. Silenced: an active silence matches the labels.
 * Inhibited (Alertmanager's inhibit rule, built in): a firing cluster-unreachable or
 * collector-stale alert of cluster X inhibits the lag, group-status, DLQ and event-size alerts
 * of X — one page for the cause, not fifty for its symptoms. Both stay visible, flagged.
 */
export function applyFlags(
  alerts: AlertSet,
  silences: readonly CompiledSilence[],
  now: number,
  changes: Changes,
): void {
  const sources = new Map<string, string[]>();
  for (const i of alerts.values()) {
    if (i.state !== 'firing' || i.cluster === null || !inhibitingMetrics.has(i.metric)) continue;
    const list = sources.get(i.cluster) ?? [];
    list.push(i.fingerprint);
    sources.set(i.cluster, list);
  }
  for (const list of sources.values()) list.sort();
  const active = silences.filter((s) => s.startsAt <= now && now < s.endsAt);
  for (const i of alerts.values()) {
    const inhibitedBy =
      i.cluster !== null && metricInfo[i.metric].inhibitable ? (sources.get(i.cluster) ?? []) : [];
    const silencedBy = active.filter((s) => s.matches(i.labels)).map((s) => s.id);
    if (same(inhibitedBy, i.inhibitedBy) && same(silencedBy, i.silencedBy)) continue;
    i.inhibitedBy = inhibitedBy;
    i.silencedBy = silencedBy;
    changes.dirty.add(i);
  }
}
