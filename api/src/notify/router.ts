import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store';
import { groupStore, type StoredGroup } from './group-store';
import {
  decideFlush,
  groupKeyOf,
  groupLabelsOf,
  hasFiring,
  mergeAlerts,
  type GroupState,
} from './grouping';
import type { NotifierConfig } from './notifier-store';
import { outboxStore } from './outbox-store';
import { renderBody } from './payload';
import { compileRouteMatchers, type LabelPredicate } from './route-matchers';
import { newWebhookId } from './signing';
import type { NotifiableAlert } from './types';

/** Compiled route matchers, rebuilt when a notifier changes. */
const compiled = new Map<string, { version: string; test: LabelPredicate }>();

function routeOf(notifier: NotifierConfig): LabelPredicate {
  const version = `${notifier.updatedAt}|${JSON.stringify(notifier.matchers)}`;
  const hit = compiled.get(notifier.id);
  if (hit?.version === version) return hit.test;
  const test = compileRouteMatchers(notifier.matchers);
  compiled.set(notifier.id, { version, test });
  return test;
}

const emptyState = (alerts: GroupState['alerts']): GroupState => ({
  alerts,
  lastNotifiedAt: null,
  lastFiring: [],
  lastResolved: [],
});

/** The next flush after one due at `due`: on the group_interval grid, never in the past. */
function nextFlush(due: Date, intervalMs: number, now: Date): Date {
  const next = due.getTime() + intervalMs;
  return new Date(next > now.getTime() ? next : now.getTime() + intervalMs);
}

export interface FlushResult {
  /** Whether a notification was enqueued. */
  sent: boolean;
  /** When the group is due next (null: it emptied and is gone). */
  nextFlushAt: Date | null;
}

/**
 * One flush of a locked group, on the caller's transaction: the group's new state and the
 * notification it decided (if any) commit together.
 */
export async function flushGroup(
  tx: Queryable,
  notifier: NotifierConfig,
  group: StoredGroup,
  now: Date,
  publicUrl: string,
): Promise<FlushResult> {
  const decision = decideFlush(
    group.state,
    {
      repeatIntervalMs: notifier.repeatIntervalSeconds * 1000,
      sendResolved: notifier.sendResolved,
    },
    now.getTime(),
  );
  if (decision.notify) {
    const { firing, resolved } = decision.notify;
    await outboxStore(tx).insert({
      id: randomUUID(),
      notifierId: notifier.id,
      webhookId: newWebhookId(),
      kind: firing.length > 0 ? 'firing' : 'resolved',
      groupKey: group.groupKey,
      alerts: firing.length + resolved.length,
      body: renderBody(notifier.type, {
        notifier,
        groupKey: group.groupKey,
        groupLabels: group.groupLabels,
        firing,
        resolved,
        publicUrl,
      }),
      createdAt: now,
    });
  }
  const groups = groupStore(tx);
  const sent = decision.notify !== null;
  if (decision.empty) {
    await groups.remove(notifier.id, group.groupKey);
    return { sent, nextFlushAt: null };
  }
  const nextFlushAt = nextFlush(group.nextFlushAt, notifier.groupIntervalSeconds * 1000, now);
  await groups.save({ ...group, state: decision.next, nextFlushAt });
  return { sent, nextFlushAt };
}

/**
 * Folds alerts into their group, creating it (timer: group_wait) when the first firing alert
 * arrives. Returns the group when it changed or is due, else undefined; a changed group that
 * is not due is left in `toSave` for one batched write.
 */
async function joinGroup(
  tx: Queryable,
  notifier: NotifierConfig,
  key: string,
  entry: { labels: Record<string, string>; alerts: NotifiableAlert[] },
  locked: StoredGroup | undefined,
  now: Date,
  toSave: Map<string, GroupState['alerts']>,
): Promise<StoredGroup | undefined> {
  const groups = groupStore(tx);
  let existing = locked;
  if (!existing) {
    const merged = mergeAlerts({}, entry.alerts);
    // Only firing alerts open a group; a lone resolve concerns nobody.
    if (!hasFiring(merged.alerts)) return undefined;
    const created: StoredGroup = {
      notifierId: notifier.id,
      groupKey: key,
      groupLabels: entry.labels,
      state: emptyState(merged.alerts),
      nextFlushAt: new Date(now.getTime() + notifier.groupWaitSeconds * 1000),
    };
    if (await groups.insert(created, now)) return created;
    // Another evaluation created it meanwhile: join that one.
    existing = (await groups.lock(notifier.id, [key])).get(key);
    if (!existing) return undefined;
  }
  const merged = mergeAlerts(existing.state.alerts, entry.alerts);
  const due = existing.nextFlushAt.getTime() <= now.getTime();
  if (!merged.changed && !due) return undefined;
  const group = { ...existing, state: { ...existing.state, alerts: merged.alerts } };
  if (!due) toSave.set(key, group.state.alerts);
  return group;
}

/**
 * Routes one evaluation's alerts to every enabled notifier: each alert joins the group its
 * `groupBy` labels name; a new group waits `group_wait`, an existing one keeps its timer (a
 * late joiner waits for the next `group_interval`). Groups already due flush right here, in
 * the engine's transaction. Returns how many notifications were enqueued and when the
 * earliest touched group is due, so the caller can flush it on time.
 */
export async function routeAlerts(
  tx: Queryable,
  notifiers: readonly NotifierConfig[],
  alerts: readonly NotifiableAlert[],
  now: Date,
  publicUrl: string,
): Promise<{ enqueued: number; nextDueAt: Date | null }> {
  let enqueued = 0;
  let nextDueAt: Date | null = null;
  const sooner = (at: Date | null) => {
    if (at && (!nextDueAt || at < nextDueAt)) nextDueAt = at;
  };
  const groups = groupStore(tx);
  for (const notifier of notifiers) {
    const matches = routeOf(notifier);
    const byKey = new Map<string, { labels: Record<string, string>; alerts: NotifiableAlert[] }>();
    for (const alert of alerts) {
      if (!matches(alert.labels)) continue;
      const labels = groupLabelsOf(notifier.groupBy, alert.labels);
      const key = groupKeyOf(labels);
      const entry = byKey.get(key);
      if (entry) entry.alerts.push(alert);
      else byKey.set(key, { labels, alerts: [alert] });
    }
    if (byKey.size === 0) continue;
    const stored = await groups.lock(notifier.id, [...byKey.keys()]);
    const toSave = new Map<string, GroupState['alerts']>();
    for (const [key, entry] of byKey) {
      const group = await joinGroup(tx, notifier, key, entry, stored.get(key), now, toSave);
      if (!group) continue;
      if (group.nextFlushAt.getTime() > now.getTime()) {
        sooner(group.nextFlushAt);
        continue;
      }
      const flushed = await flushGroup(tx, notifier, group, now, publicUrl);
      if (flushed.sent) enqueued += 1;
      sooner(flushed.nextFlushAt);
    }
    await groups.saveAlerts(notifier.id, toSave);
  }
  return { enqueued, nextDueAt };
}
