import type { NotifiableAlert } from './types';

/**
 * Alertmanager's aggregation groups and notification log as plain functions over plain data
 * (the SQL lives in group-store.ts). One group per notifier and group key: it waits
 * `group_wait` after it is created, then flushes every `group_interval`; a flush notifies when
 * the set of firing alerts grew, when resolved alerts are new (send_resolved), when everything
 * resolved after a firing notification, or when `repeat_interval` passed — and nothing else.
 */

export type GroupAlert = Omit<NotifiableAlert, 'labels' | 'annotations'> & {
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

export interface GroupState {
  /** fingerprint → latest version of the alert. */
  alerts: Record<string, GroupAlert>;
  /** When the last notification was sent (ms since epoch), null before the first. */
  lastNotifiedAt: number | null;
  /** Fingerprints of the firing / resolved alerts of the last notification. */
  lastFiring: string[];
  lastResolved: string[];
}

export interface GroupTiming {
  repeatIntervalMs: number;
  sendResolved: boolean;
}

/** The labels a group is keyed by: those of `groupBy` that the alert has. */
export function groupLabelsOf(
  groupBy: readonly string[],
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...groupBy].sort()) {
    const value = labels[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/** Alertmanager's group key shape for the root route: `{}:{alertname="X", cluster="y"}`. */
export function groupKeyOf(groupLabels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name] ?? '')}`);
  return `{}:{${pairs.join(', ')}}`;
}

function toGroupAlert(a: NotifiableAlert): GroupAlert {
  return {
    fingerprint: a.fingerprint,
    status: a.status,
    severity: a.severity,
    labels: { ...a.labels },
    annotations: { ...a.annotations },
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    path: a.path,
    silenced: a.silenced,
    inhibited: a.inhibited,
    acknowledged: a.acknowledged,
  };
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Field by field: the stored copy comes back from jsonb with its keys in another order. */
function sameAlert(a: GroupAlert, b: GroupAlert): boolean {
  return (
    a.status === b.status &&
    a.severity === b.severity &&
    a.startsAt === b.startsAt &&
    a.endsAt === b.endsAt &&
    a.path === b.path &&
    a.silenced === b.silenced &&
    a.inhibited === b.inhibited &&
    a.acknowledged === b.acknowledged &&
    sameRecord(a.labels, b.labels) &&
    sameRecord(a.annotations, b.annotations)
  );
}

/**
 * Folds this evaluation's alerts into a group. Alerts not mentioned keep their state (the
 * engine may evaluate one cluster at a time); a resolved alert the group never held is
 * ignored, since nobody was told it fired.
 */
export function mergeAlerts(
  current: Readonly<Record<string, GroupAlert>>,
  incoming: readonly NotifiableAlert[],
): { alerts: Record<string, GroupAlert>; changed: boolean } {
  const alerts = { ...current };
  let changed = false;
  for (const alert of incoming) {
    const before = alerts[alert.fingerprint];
    if (!before && alert.status === 'resolved') continue;
    const next = toGroupAlert(alert);
    if (before && sameAlert(before, next)) continue;
    alerts[alert.fingerprint] = next;
    changed = true;
  }
  return { alerts, changed };
}

export const hasFiring = (alerts: Readonly<Record<string, GroupAlert>>): boolean =>
  Object.values(alerts).some((a) => a.status === 'firing');

export interface FlushDecision {
  /** What to send, or null: firing alerts first, then resolved ones (send_resolved only). */
  notify: { firing: GroupAlert[]; resolved: GroupAlert[] } | null;
  /** The group after the flush: resolved alerts dropped, the log updated if it notified. */
  next: GroupState;
  /** Nothing left: the group can be deleted. */
  empty: boolean;
}

const isSubset = (subset: readonly string[], of: readonly string[]): boolean => {
  const set = new Set(of);
  return subset.every((x) => set.has(x));
};

const byStart = (a: GroupAlert, b: GroupAlert): number =>
  a.startsAt.localeCompare(b.startsAt) || a.fingerprint.localeCompare(b.fingerprint);

/** One flush of a group at `nowMs` (Alertmanager's dedup stage). */
export function decideFlush(state: GroupState, timing: GroupTiming, nowMs: number): FlushDecision {
  const all = Object.values(state.alerts);
  // Silenced and inhibited alerts stay in the group but are never notified.
  const eligible = all.filter((a) => !a.silenced && !a.inhibited);
  const firing = eligible.filter((a) => a.status === 'firing').sort(byStart);
  const resolved = eligible.filter((a) => a.status === 'resolved').sort(byStart);
  const firingIds = firing.map((a) => a.fingerprint);
  const resolvedIds = resolved.map((a) => a.fingerprint);

  const remaining: Record<string, GroupAlert> = {};
  for (const a of all) if (a.status === 'firing') remaining[a.fingerprint] = a;
  const empty = Object.keys(remaining).length === 0;

  let needsUpdate: boolean;
  if (firing.length === 0 && resolved.length === 0) needsUpdate = false;
  else if (state.lastNotifiedAt === null) needsUpdate = firing.length > 0;
  else if (!isSubset(firingIds, state.lastFiring)) needsUpdate = true;
  else if (firing.length === 0) needsUpdate = state.lastFiring.length > 0;
  else if (timing.sendResolved && !isSubset(resolvedIds, state.lastResolved)) needsUpdate = true;
  else
    needsUpdate =
      nowMs - state.lastNotifiedAt >= timing.repeatIntervalMs &&
      // Acknowledged alerts are being handled: they do not page again on their own.
      firing.some((a) => !a.acknowledged);

  if (!needsUpdate) {
    return { notify: null, next: { ...state, alerts: remaining }, empty };
  }
  const sendResolved = timing.sendResolved ? resolved : [];
  const payloadSize = firing.length + sendResolved.length;
  return {
    notify: payloadSize > 0 ? { firing, resolved: sendResolved } : null,
    next: {
      alerts: remaining,
      lastNotifiedAt: payloadSize > 0 ? nowMs : state.lastNotifiedAt,
      lastFiring: firingIds,
      lastResolved: resolvedIds,
    },
    empty,
  };
}
