import type { ClusterSnapshot } from '@eventscope/shared';
import type { EventBus } from '../domain/events';
import type { Logger } from '../logging';
import type { NotificationCenter } from '../notify/types';
import type { Db } from '../store';
import { Mutex } from '../store/mutex';
import { alertRepository, toInstance } from './alert-repository';
import { seedDefaultRules } from './defaults';
import type { RuleHealth } from './evaluate';
import { Evaluator } from './evaluator';
import { compileSilence } from './flags';
import { toNotifiable, type Instance } from './instances';
import { compileRule } from './rule-compile';
import { ruleRepository } from './rule-repository';
import { silenceRepository } from './silence-repository';
import { spanSeries } from './span-series';

export interface AlertEngineOptions {
  db: Db;
  notifications: NotificationCenter;
  events: EventBus;
  logger: Logger;
  sampleIntervalMs: number;
  /** Create the defaults of DESIGN.md once (default true). */
  seedDefaults?: boolean;
  /** A series missing from a reachable cluster this long resolves its alert (default 10 min). */
  missingResolveMs?: number;
  /** Re-read rules, silences and acknowledgements written by other replicas (default 30 s). */
  reloadEveryMs?: number;
  /** Resolved alerts and expired silences are deleted after this (default 30 days). */
  retentionMs?: number;
}

export interface AlertEngine {
  readonly db: Db;
  /** Loads state (and seeds the defaults), then runs the staleness and span timer. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Evaluates the rules that read cluster snapshots; called as each snapshot is recorded. */
  evaluate(snapshot: ClusterSnapshot, now?: Date): Promise<void>;
  /** The timer's work: collector staleness, span latency rules, silences starting or ending. */
  tick(now?: Date): Promise<void>;
  /** Re-reads rules, silences and acknowledgements (after a change through the API). */
  reload(now?: Date): Promise<void>;
  /** The alerts in memory (active ones, and resolved ones not yet stored). */
  instances(): Instance[];
}

const alertKeys = { type: 'alerts', keys: [['alerts'], ['alert-rules']] };
const healthRank = { ok: 0, nodata: 1, error: 2 } as const;
const hourMs = 3_600_000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The alert rule engine. Rules are evaluated as each snapshot is recorded (not on a slower
 * clock); each evaluation's state changes are stored in one transaction together with the
 * notification center's outbox writes, so a state change and its notification commit
 * together. Evaluations run one at a time.
 */
export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { db, logger } = opts;
  const reloadEveryMs = opts.reloadEveryMs ?? 30_000;
  const retentionMs = opts.retentionMs ?? 30 * 24 * hourMs;
  const mutex = new Mutex();
  const state = new Evaluator({
    sampleIntervalMs: opts.sampleIntervalMs,
    missingResolveMs: opts.missingResolveMs ?? 600_000,
  });
  /** Health per rule per scope (cluster, or "spans"), and what the store last got. */
  const scopeHealth = new Map<string, Map<string, RuleHealth>>();
  const storedHealth = new Map<string, RuleHealth>();
  let loaded: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastReloadAt = 0;
  let lastPruneAt = 0;

  async function reloadNow(now: number): Promise<void> {
    const records = await ruleRepository(db).list();
    for (const r of records)
      if (!storedHealth.has(r.id))
        storedHealth.set(r.id, { health: r.health, reason: r.lastError });
    const ids = new Set(records.map((r) => r.id));
    for (const id of scopeHealth.keys()) if (!ids.has(id)) scopeHealth.delete(id);
    for (const id of storedHealth.keys()) if (!ids.has(id)) storedHealth.delete(id);
    const silences = await silenceRepository(db).list(new Date(now), true, 10_000);
    state.configure(
      records.map(compileRule),
      silences.map((s) =>
        compileSilence({
          id: s.id,
          matchers: s.matchers,
          startsAt: s.startsAt.getTime(),
          endsAt: s.endsAt.getTime(),
        }),
      ),
      await alertRepository(db).acks(),
      now,
    );
    lastReloadAt = now;
  }

  async function load(): Promise<void> {
    if (opts.seedDefaults ?? true) await seedDefaultRules(db, opts.sampleIntervalMs);
    const now = Date.now();
    const versions = new Map((await ruleRepository(db).list()).map((r) => [r.id, r.updatedAt]));
    const rows = await alertRepository(db).active();
    state.restore(
      rows.map((row) => toInstance(row, versions.get(row.rule_id) ?? '')),
      now,
    );
    await mutex.run(async () => {
      await reloadNow(now);
      state.applyFlags(now);
      await flush(now);
    });
  }

  // A failed load (the store was down) is tried again by the next call, not remembered.
  const ensureLoaded = () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));

  function mergedHealth(): { id: string; health: RuleHealth }[] {
    const updates: { id: string; health: RuleHealth }[] = [];
    for (const [id, byScope] of state.changes.health) {
      if (!state.rules.has(id)) continue;
      const merged = scopeHealth.get(id) ?? new Map<string, RuleHealth>();
      for (const [scope, h] of byScope) merged.set(scope, h);
      scopeHealth.set(id, merged);
      let worst: RuleHealth = { health: 'ok', reason: null };
      for (const h of merged.values())
        if (healthRank[h.health] > healthRank[worst.health]) worst = h;
      const stored = storedHealth.get(id);
      if (stored?.health !== worst.health || stored.reason !== worst.reason)
        updates.push({ id, health: worst });
    }
    return updates;
  }

  /** Stores this evaluation's changes and hands the alerts to notifications, in one transaction. */
  async function flush(now: number): Promise<void> {
    const { changes, alerts } = state;
    const firing = [...alerts.values()].filter((i) => i.state === 'firing');
    const healthUpdates = mergedHealth();
    if (changes.empty && healthUpdates.length === 0 && firing.length === 0) {
      state.committed([]);
      return;
    }
    // One row per fingerprint (the newest instance wins): an upsert cannot touch a row twice.
    const dirty = [...new Map([...changes.dirty].map((i) => [i.fingerprint, i])).values()];
    // A fingerprint removed and re-created since the last flush is written, not deleted.
    const removed = [...changes.removed.keys()].filter((fp) => !alerts.get(fp));
    const notifiable = [...firing.map(toNotifiable), ...changes.resolved];
    try {
      await db.transaction(async (tx) => {
        const repo = alertRepository(tx);
        await repo.remove(removed);
        await repo.upsert(dirty);
        for (const u of healthUpdates)
          await ruleRepository(tx).setHealth(u.id, u.health.health, u.health.reason);
        await opts.notifications.onAlerts(tx, notifiable, new Date(now));
      });
    } catch (error) {
      // Kept in memory: the next evaluation writes (and notifies) these changes again.
      logger.warn(
        { err: message(error) },
        'could not store alert state; retrying at the next evaluation',
      );
      return;
    }
    state.committed(dirty);
    for (const u of healthUpdates) storedHealth.set(u.id, u.health);
    if (dirty.length > 0 || removed.length > 0 || healthUpdates.length > 0)
      opts.events.publish(alertKeys);
  }

  async function maybeReload(now: number): Promise<void> {
    if (now - lastReloadAt >= reloadEveryMs) await reloadNow(now);
  }

  async function evaluateSpans(now: number): Promise<void> {
    const windows = state.spanWindowsDue(now);
    if (windows.length === 0) return;
    try {
      state.evaluateSpans(await spanSeries(db, windows, new Date(now)), now);
    } catch (error) {
      const reason = `span query failed: ${message(error)}`;
      logger.warn({ err: reason }, 'could not evaluate span latency rules');
      state.spanQueryFailed(reason);
    }
  }

  async function prune(now: number): Promise<void> {
    if (now - lastPruneAt < hourMs) return;
    lastPruneAt = now;
    const before = new Date(now - retentionMs);
    await alertRepository(db).pruneResolved(before);
    await silenceRepository(db).pruneExpired(before);
  }

  const run = async (now: number, work: () => Promise<void> | void): Promise<void> => {
    if (stopped) return;
    await ensureLoaded();
    await mutex.run(async () => {
      if (stopped) return;
      await work();
      state.applyFlags(now);
      await flush(now);
    });
  };

  return {
    db,
    async start() {
      stopped = false;
      await ensureLoaded();
      timer ??= setInterval(() => {
        this.tick().catch((error: unknown) =>
          logger.warn({ err: message(error) }, 'alert timer failed; retrying at the next tick'),
        );
      }, opts.sampleIntervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await mutex.run(() => Promise.resolve());
    },
    evaluate(snapshot, at = new Date()) {
      const now = at.getTime();
      return run(now, async () => {
        await maybeReload(now);
        state.evaluateSnapshot(snapshot, now);
      });
    },
    tick(at = new Date()) {
      const now = at.getTime();
      return run(now, async () => {
        await maybeReload(now);
        state.evaluateStaleness(now);
        await evaluateSpans(now);
        await prune(now);
      });
    },
    /** Never rejects: a failure is logged and the periodic reload catches up. */
    async reload(at = new Date()) {
      const now = at.getTime();
      try {
        await run(now, () => reloadNow(now));
        // A rule, silence or acknowledgement changed: the SPA's lists refresh even when no
        // alert did (silences live under the alerts key there).
        opts.events.publish(alertKeys);
      } catch (error) {
        logger.warn(
          { err: message(error) },
          'could not reload alert rules and silences; retrying within 30 s',
        );
      }
    },
    instances: () => [...state.alerts.values()],
  };
}
