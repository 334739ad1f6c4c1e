import { randomUUID } from 'node:crypto';
import type {
  Delivery,
  DeliveryStatusSchema,
  Notifier,
  NotifierInput,
  NotifierUpdate,
} from '@eventscope/shared';
import type { z } from 'zod';
import { authorize, type Actor } from '../domain/auth/principal';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { EventBus } from '../domain/events';
import type { Logger } from '../logging';
import type { Db, Queryable } from '../store';
import type { BackoffOptions } from './backoff';
import { groupStore } from './group-store';
import { notifierStore } from './notifier-store';
import {
  createNotifier,
  deleteNotifier,
  getNotifier,
  listNotifiers,
  updateNotifier,
} from './notifiers';
import { outboxStore } from './outbox-store';
import { renderBody } from './payload';
import { flushGroup, routeAlerts } from './router';
import { newWebhookId } from './signing';
import { testAlert } from './test-alert';
import type { NotifiableAlert, NotificationCenter } from './types';
import { createDeliveryWorker } from './worker';

export interface NotificationCenterOptions {
  db: Db;
  logger: Logger;
  events: EventBus;
  /** EVENTSCOPE_PUBLIC_URL: notifications link into the dashboard from here. */
  publicUrl: string;
  version: string;
  /** How often due groups are flushed (group_wait / group_interval resolution). Default 1 s. */
  tickMs?: number;
  /** How often the outbox is polled when nothing woke the worker. Default 1 s. */
  pollMs?: number;
  /** Per HTTP attempt. Default 10 s. */
  timeoutMs?: number;
  /** Default: base 1 s, cap 5 min. */
  backoff?: BackoffOptions;
  /** Give up on a delivery this long after it was enqueued. Default 24 h. */
  maxAgeMs?: number;
  /** Concurrent HTTP attempts. Default 4. */
  concurrency?: number;
  /** Finished deliveries stay in the delivery log this long. Default 7 days. */
  retentionMs?: number;
  now?: () => Date;
}

type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** The notification center plus what the notifier routes need. */
export interface Notifications extends NotificationCenter {
  listNotifiers(actor: Actor): Promise<Notifier[]>;
  getNotifier(actor: Actor, id: string): Promise<Notifier>;
  createNotifier(actor: Actor, input: NotifierInput): Promise<Notifier & { secret?: string }>;
  updateNotifier(actor: Actor, id: string, input: NotifierUpdate): Promise<Notifier>;
  deleteNotifier(actor: Actor, id: string): Promise<void>;
  /** Enqueues a test notification, attempts it at once and answers with its delivery. */
  sendTest(actor: Actor, id: string): Promise<Delivery>;
  listDeliveries(
    actor: Actor,
    id: string,
    query: { status?: DeliveryStatus; limit: number },
  ): Promise<Delivery[]>;
  /** Flushes every group that is due now; returns how many notifications it enqueued. */
  flushDue(): Promise<number>;
  /** Attempts every delivery that is due now and waits for them. */
  deliverDue(): Promise<number>;
}

const hour = 3_600_000;

/**
 * Alertmanager-style routing, grouping and timing per notifier, over a transactional outbox
 * delivered by a worker. All state (groups, notification log, outbox) is in the database: a
 * restart neither loses a due notification nor repeats a sent one.
 */
export function createNotificationCenter(opts: NotificationCenterOptions): Notifications {
  const now = opts.now ?? (() => new Date());
  const tickMs = opts.tickMs ?? 1000;
  const log = opts.logger.child({ component: 'notify' });
  const worker = createDeliveryWorker({
    db: opts.db,
    logger: opts.logger,
    events: opts.events,
    userAgent: `Eventscope/${opts.version}`,
    timeoutMs: opts.timeoutMs ?? 10_000,
    backoff: opts.backoff ?? { baseMs: 1000, capMs: 5 * 60_000 },
    maxAgeMs: opts.maxAgeMs ?? 24 * hour,
    concurrency: opts.concurrency ?? 4,
    pollMs: opts.pollMs ?? 1000,
    retentionMs: opts.retentionMs ?? 7 * 24 * hour,
    now,
  });
  let ticker: NodeJS.Timeout | undefined;
  let ticking: Promise<unknown> | undefined;
  // A one-shot timer for the earliest known due group, so group_wait is kept to the
  // millisecond instead of to the next periodic tick.
  let precise: { timer: NodeJS.Timeout; at: number } | undefined;

  function flushAt(at: Date | null): void {
    if (!ticker || !at) return;
    const due = at.getTime();
    if (precise && precise.at <= due) return;
    if (precise) clearTimeout(precise.timer);
    const timer = setTimeout(
      () => {
        precise = undefined;
        tick();
      },
      Math.max(0, due - Date.now()) + 5,
    );
    timer.unref();
    precise = { timer, at: due };
  }

  const enqueued = (count: number) => {
    if (count === 0) return;
    opts.events.publish({ type: 'deliveries', keys: [['notifiers']] });
    worker.wake();
  };

  async function flushDue(): Promise<number> {
    const at = now();
    const due = await groupStore(opts.db).due(at, 200);
    let count = 0;
    for (const { notifierId, groupKey } of due) {
      const flushed = await opts.db.transaction(async (tx) => {
        const group = await groupStore(tx).lockDue(notifierId, groupKey, at);
        if (!group) return undefined;
        const notifier = await notifierStore(tx).get(notifierId);
        if (!notifier?.enabled) {
          await groupStore(tx).removeAll(notifierId);
          return undefined;
        }
        return flushGroup(tx, notifier, group, at, opts.publicUrl);
      });
      if (flushed?.sent) count += 1;
      flushAt(flushed?.nextFlushAt ?? null);
    }
    enqueued(count);
    return count;
  }

  function tick(): void {
    if (ticking) return;
    ticking = flushDue()
      .catch((error: unknown) =>
        log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'flushing notification groups failed; retrying',
        ),
      )
      .finally(() => {
        ticking = undefined;
      });
  }

  return {
    async onAlerts(tx: Queryable, alerts: readonly NotifiableAlert[], at: Date): Promise<void> {
      if (alerts.length === 0) return;
      const notifiers = await notifierStore(tx).listEnabled();
      const { enqueued: count, nextDueAt } = await routeAlerts(
        tx,
        notifiers,
        alerts,
        at,
        opts.publicUrl,
      );
      flushAt(nextDueAt);
      if (count > 0) {
        log.debug({ notifications: count }, 'notifications enqueued with the alert state');
        // The engine commits after this returns; look shortly after, the poll covers the rest.
        worker.wake(100);
      }
    },

    start() {
      if (ticker) return;
      ticker = setInterval(tick, tickMs);
      ticker.unref();
      worker.start();
      tick();
    },

    async stop() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      if (precise) clearTimeout(precise.timer);
      precise = undefined;
      await ticking;
      await worker.stop();
    },

    listNotifiers: (actor) => listNotifiers(opts.db, actor),
    getNotifier: (actor, id) => getNotifier(opts.db, actor, id),
    createNotifier: (actor, input) => createNotifier(opts.db, actor, input, now()),
    updateNotifier: (actor, id, input) => updateNotifier(opts.db, actor, id, input, now()),
    deleteNotifier: (actor, id) => deleteNotifier(opts.db, actor, id),

    async sendTest(actor, id) {
      authorize(actor, 'admin');
      const notifier = await notifierStore(opts.db).get(id);
      if (!notifier) throw new NotFoundError(`notifier ${id}`);
      if (!notifier.enabled) {
        throw new ConflictError(
          `notifier ${notifier.name} is disabled${notifier.disabledReason ? ` (${notifier.disabledReason})` : ''}; enable it first`,
        );
      }
      const at = now();
      const webhookId = newWebhookId();
      const deliveryId = randomUUID();
      const groupKey = `test:${webhookId}`;
      await outboxStore(opts.db).insert({
        id: deliveryId,
        notifierId: id,
        webhookId,
        kind: 'test',
        groupKey,
        alerts: 1,
        body: renderBody(notifier.type, {
          notifier,
          groupKey,
          groupLabels: { alertname: 'EventscopeTest' },
          firing: [testAlert(at)],
          resolved: [],
          publicUrl: opts.publicUrl,
          test: true,
        }),
        createdAt: at,
      });
      opts.events.publish({ type: 'deliveries', keys: [['notifiers']] });
      await worker.deliverNow(deliveryId);
      const delivery = await outboxStore(opts.db).get(deliveryId);
      if (!delivery) throw new NotFoundError(`delivery ${deliveryId}`);
      return delivery;
    },

    async listDeliveries(actor, id, query) {
      authorize(actor, 'viewer');
      if (!(await notifierStore(opts.db).get(id))) throw new NotFoundError(`notifier ${id}`);
      return outboxStore(opts.db).list(id, query);
    },

    flushDue,
    deliverDue: () => worker.runOnce(),
  };
}
