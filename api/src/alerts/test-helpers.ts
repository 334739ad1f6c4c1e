/**
 * Shared by the alert engine's tests (not production code): a notification center that
 * records what it is given, and rule inputs.
 */
import { pino } from 'pino';
import {
  AlertRuleInputSchema,
  type AlertRuleInput,
  type ClusterSnapshot,
  type StreamEvent,
} from '@eventscope/shared';
import type { Principal } from '../domain/auth/principal';
import { createEventBus } from '../domain/events';
import type { NotifiableAlert, NotificationCenter } from '../notify/types';
import type { Queryable, Store } from '../store';
import { makeGroup, makeSnapshot } from '../testing/snapshots';
import { listAlerts, type AlertListQuery } from './alerts';
import { createAlertEngine, type AlertEngineOptions } from './engine';

export interface RecordingCenter extends NotificationCenter {
  calls: { alerts: NotifiableAlert[]; now: Date }[];
  /** Every alert handed over with this status, in order (firing ones repeat each evaluation). */
  seen(status: 'firing' | 'resolved'): NotifiableAlert[];
  /** When set, onAlerts throws (to prove state and notifications commit together). */
  failWith?: Error;
}

export function recordingCenter(): RecordingCenter {
  const center: RecordingCenter = {
    calls: [],
    seen: (status) => center.calls.flatMap((c) => c.alerts.filter((a) => a.status === status)),
    async onAlerts(tx: Queryable, alerts, now) {
      // Proves it runs inside the engine's transaction: the alert rows are visible on tx.
      await tx.query('SELECT 1 FROM alerts LIMIT 1');
      if (center.failWith) throw center.failWith;
      center.calls.push({ alerts: [...alerts], now });
    },
    start: () => undefined,
    stop: () => Promise.resolve(),
  };
  return center;
}

export const admin: Principal = { kind: 'token', id: 't-admin', name: 'admin', role: 'admin' };
export const operator: Principal = {
  kind: 'token',
  id: 't-operator',
  name: 'oncall',
  role: 'operator',
};

export function rule(input: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'metric'>) {
  return AlertRuleInputSchema.parse({
    name: `rule-${input.metric}`,
    op: '>',
    threshold: 10,
    forSeconds: 10,
    severity: 'critical',
    ...input,
  });
}

/** An engine per test on the given store, with a recording center and helpers on a fake clock. */
export function harness(store: () => Store) {
  // Real "now" as the base: the engine's own reloads read silences against the wall clock.
  const T0 = Math.floor(Date.now() / 1000) * 1000;
  const at = (s: number) => new Date(T0 + s * 1000);

  function setup(options: Partial<AlertEngineOptions> = {}) {
    const center = recordingCenter();
    const events = createEventBus();
    const published: StreamEvent[] = [];
    events.subscribe((e) => published.push(e));
    const engine = createAlertEngine({
      db: store().db,
      notifications: center,
      events,
      logger: pino({ level: process.env.ALERTS_LOG ?? 'silent' }),
      sampleIntervalMs: 5000,
      seedDefaults: false,
      ...options,
    });
    const deps = { db: store().db, engine };
    const evaluate = (s: number, snapshot: ClusterSnapshot) => engine.evaluate(snapshot, at(s));
    const lag = (s: number, lagSeconds: number | null, group = 'payments', cluster = 'c1') =>
      evaluate(
        s,
        makeSnapshot(
          at(s).toISOString(),
          [makeGroup(group, lagSeconds === null ? null : 100, lagSeconds, 'OK', cluster)],
          cluster,
        ),
      );
    const alerts = (query: Partial<AlertListQuery> = {}) =>
      listAlerts(deps, admin, { resolvedWithinSeconds: 86_400, ...query }, at(3600));
    return { center, engine, deps, evaluate, lag, alerts, published };
  }

  /** What the collectors report for a cluster they cannot reach (lag unknown, not 0). */
  function unreachable(s: number, previous: ClusterSnapshot): ClusterSnapshot {
    return {
      ...previous,
      at: at(s).toISOString(),
      reachable: false,
      error: 'connection refused',
      brokers: [],
      groups: previous.groups.map((g) => ({
        ...g,
        lagMessages: null,
        lagSeconds: null,
        status: { code: 'UNKNOWN', reason: 'unreachable' },
      })),
      topics: [],
      dlqs: [],
    };
  }

  return { T0, at, setup, unreachable };
}
