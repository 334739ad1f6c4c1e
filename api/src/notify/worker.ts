import type { EventBus } from '../domain/events';
import type { Logger } from '../logging';
import type { Db } from '../store';
import { attemptDelivery, type AttemptOutcome } from './attempt';
import { backoffMs, type BackoffOptions } from './backoff';
import { groupStore } from './group-store';
import { notifierStore, type NotifierConfig } from './notifier-store';
import { redactWebhookUrl } from './notifier-view';
import { outboxStore, type ClaimedDelivery, type DeliveryStatus } from './outbox-store';

export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  events: EventBus;
  userAgent: string;
  /** Per attempt. */
  timeoutMs: number;
  backoff: BackoffOptions;
  /** A delivery still failing this long after it was enqueued is given up (dead). */
  maxAgeMs: number;
  /** How many attempts run at once. */
  concurrency: number;
  /** How often to look for due deliveries when nothing woke the worker. */
  pollMs: number;
  /** Finished deliveries are kept this long for the delivery log. */
  retentionMs: number;
  now: () => Date;
}

export interface DeliveryWorker {
  start(): void;
  stop(): Promise<void>;
  /** Look for due deliveries now (something was just enqueued). */
  wake(delayMs?: number): void;
  /** Claims one delivery and attempts it at once if it is due; resolves after the attempt. */
  deliverNow(deliveryId: string): Promise<void>;
  /** One round: claims what is due and waits for those attempts (tests and benchmarks). */
  runOnce(): Promise<number>;
}

const maintenanceEveryMs = 10_000;

function describe(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} h` : `${Math.round(ms / 1000)} s`;
}

/**
 * The outbox worker: claims due deliveries (leased, so a crashed worker's claim expires),
 * POSTs them signed, and records every attempt. 5xx, 429, timeouts and connection errors
 * retry with backoff (Retry-After honoured); other 4xx fail; 410 disables the notifier.
 * Everything it needs is in the database, so a restart picks up where it stopped.
 */
export function createDeliveryWorker(opts: DeliveryWorkerOptions): DeliveryWorker {
  const outbox = outboxStore(opts.db);
  const notifiers = notifierStore(opts.db);
  const leaseMs = opts.timeoutMs + 30_000;
  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let lastMaintenance = 0;

  const log = opts.logger.child({ component: 'notify-worker' });
  const publish = () => opts.events.publish({ type: 'deliveries', keys: [['notifiers']] });

  function schedule(delayMs: number): void {
    if (!running || stopping) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (timer && at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      void pump();
      schedule(opts.pollMs);
    }, at - Date.now());
    timer.unref();
  }

  function settlement(
    d: ClaimedDelivery,
    outcome: AttemptOutcome,
    now: Date,
  ): { status: DeliveryStatus; nextAttemptAt: Date | null; error: string | null } {
    switch (outcome.kind) {
      case 'delivered':
        return { status: 'delivered', nextAttemptAt: null, error: null };
      case 'failed':
        return { status: 'failed', nextAttemptAt: null, error: outcome.error };
      case 'gone':
        return { status: 'dead', nextAttemptAt: null, error: outcome.error };
      case 'retry': {
        // Never sooner than the receiver asked, and never a hot loop if it asked for 0.
        const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(d.attempts, opts.backoff));
        const next = new Date(now.getTime() + wait);
        if (next.getTime() - d.createdAt.getTime() > opts.maxAgeMs) {
          return {
            status: 'dead',
            nextAttemptAt: null,
            error: `${outcome.error}; gave up after ${d.attempts} attempts in ${describe(opts.maxAgeMs)}`,
          };
        }
        return { status: 'pending', nextAttemptAt: next, error: outcome.error };
      }
    }
  }

  async function attempt(
    d: ClaimedDelivery,
    notifier: NotifierConfig,
    signal: AbortSignal,
  ): Promise<void> {
    const started = opts.now();
    const outcome = await attemptDelivery({
      url: notifier.url,
      secret: notifier.secret,
      webhookId: d.webhookId,
      body: d.body,
      userAgent: opts.userAgent,
      timeoutMs: opts.timeoutMs,
      signal,
    });
    if (signal.aborted && outcome.kind === 'retry') {
      // Shutdown interrupted it: give the lease back so the next start retries at once.
      await outbox.release(d.id).catch(() => undefined);
      return;
    }
    const now = opts.now();
    const result = settlement(d, outcome, now);
    const statusCode = outcome.statusCode;
    await opts.db.transaction(async (tx) => {
      const box = outboxStore(tx);
      await box.recordAttempt(d.id, {
        attempt: d.attempts,
        at: started,
        statusCode,
        error: outcome.kind === 'delivered' ? null : outcome.error,
        durationMs: Math.max(0, now.getTime() - started.getTime()),
      });
      await box.settle(d.id, {
        status: result.status,
        statusCode,
        error: result.error,
        nextAttemptAt: result.nextAttemptAt,
        deliveredAt: result.status === 'delivered' ? now : null,
      });
      if (outcome.kind === 'gone') {
        const reason = `disabled ${now.toISOString()}: the receiver answered 410 Gone`;
        await notifierStore(tx).disable(notifier.id, reason, now);
        await box.killPending(notifier.id, 'notifier disabled: the receiver answered 410 Gone');
        await groupStore(tx).removeAll(notifier.id);
      }
    });
    const fields = {
      notifier: notifier.id,
      notifierName: notifier.name,
      receiver: redactWebhookUrl(notifier.url),
      webhookId: d.webhookId,
      attempt: d.attempts,
      statusCode,
      status: result.status,
    };
    if (result.status === 'delivered') log.info(fields, 'notification delivered');
    else if (result.status === 'pending')
      log.warn(
        { ...fields, error: result.error, nextAttemptAt: result.nextAttemptAt },
        'notification delivery failed; will retry',
      );
    else log.error({ ...fields, error: result.error }, 'notification not delivered');
    if (outcome.kind === 'gone')
      log.error(fields, 'notifier disabled: the receiver answered 410 Gone');
    publish();
    if (result.nextAttemptAt) schedule(result.nextAttemptAt.getTime() - now.getTime());
  }

  function track(d: ClaimedDelivery, notifier: NotifierConfig | undefined): Promise<void> {
    const controller = new AbortController();
    const done = (async () => {
      if (!notifier) {
        await outbox.release(d.id);
        return;
      }
      await attempt(d, notifier, controller.signal);
    })()
      .catch((error: unknown) => {
        log.error(
          { err: error instanceof Error ? error.message : String(error), webhookId: d.webhookId },
          'delivery attempt could not be recorded',
        );
      })
      .finally(() => {
        inFlight.delete(d.id);
        if (!stopping) schedule(0);
      });
    inFlight.set(d.id, { controller, done });
    return done;
  }

  async function maintenance(now: Date): Promise<void> {
    if (now.getTime() - lastMaintenance < maintenanceEveryMs) return;
    lastMaintenance = now.getTime();
    const expired = await outbox.expire(
      now,
      new Date(now.getTime() - opts.maxAgeMs),
      `gave up: not delivered within ${describe(opts.maxAgeMs)}`,
    );
    if (expired > 0) {
      log.error({ expired }, 'notifications given up after the maximum delivery age');
      publish();
    }
    await outbox.prune(new Date(now.getTime() - opts.retentionMs));
  }

  async function claimAndStart(onlyId?: string): Promise<Promise<void>[]> {
    const free = opts.concurrency - inFlight.size;
    if (free <= 0 && onlyId === undefined) return [];
    const now = opts.now();
    if (onlyId === undefined && !(await outbox.anyDue(now))) return [];
    const claimed = await outbox.claimDue(now, leaseMs, Math.max(free, 1), onlyId);
    if (claimed.length === 0) return [];
    publish();
    const configs = await notifiers.getMany(claimed.map((d) => d.notifierId));
    return claimed.map((d) => track(d, configs.get(d.notifierId)));
  }

  async function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        pumpAgain = false;
        try {
          await maintenance(opts.now());
          await claimAndStart();
        } catch (error) {
          log.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'outbox poll failed; retrying',
          );
        }
      } while (pumpAgain && !stopping);
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopping = true;
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await pumping;
      for (const { controller } of inFlight.values()) controller.abort();
      await Promise.all([...inFlight.values()].map((f) => f.done));
    },
    wake(delayMs = 0) {
      schedule(delayMs);
    },
    async deliverNow(deliveryId) {
      const started = await claimAndStart(deliveryId);
      // The poll may have claimed it first: then wait for that attempt instead.
      await Promise.all(started.length > 0 ? started : [inFlight.get(deliveryId)?.done]);
    },
    async runOnce() {
      await maintenance(opts.now());
      const started = await claimAndStart();
      await Promise.all(started);
      return started.length;
    },
  };
}
