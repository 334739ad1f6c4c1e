import type { Delivery, DeliveryAttempt } from '@eventscope/shared';
import type { Queryable } from '../store';
import { iso, isoOrNull } from './notifier-store';
import { scrubbed } from './scrub';

export type DeliveryKind = Delivery['kind'];
export type DeliveryStatus = Delivery['status'];

export interface NewDelivery {
  id: string;
  notifierId: string;
  webhookId: string;
  kind: DeliveryKind;
  groupKey: string;
  alerts: number;
  body: string;
  createdAt: Date;
}

/** A delivery a worker holds: what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  notifierId: string;
  webhookId: string;
  body: string;
  attempts: number;
  createdAt: Date;
}

type DeliveryRow = {
  id: string;
  notifier_id: string;
  webhook_id: string;
  kind: DeliveryKind;
  group_key: string;
  alerts: number;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
};

type AttemptRow = {
  delivery_id: string;
  attempt: number;
  at: Date | string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
};

const COLUMNS = `id, notifier_id, webhook_id, kind, group_key, alerts, status, attempts,
  last_status_code, last_error, next_attempt_at, created_at, delivered_at`;

/** The delivery log keeps this many attempts per delivery in API answers (the latest). */
const maxAttemptsShown = 50;

function toDelivery(row: DeliveryRow, log?: DeliveryAttempt[]): Delivery {
  return {
    id: row.id,
    notifierId: row.notifier_id,
    webhookId: row.webhook_id,
    kind: row.kind,
    groupKey: row.group_key,
    alerts: row.alerts,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? isoOrNull(row.next_attempt_at) : null,
    createdAt: iso(row.created_at),
    deliveredAt: isoOrNull(row.delivered_at),
    ...(log ? { attemptLog: log } : {}),
  };
}

export interface AttemptRecord {
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** `db` may be a transaction handle: a flush inserts its delivery in its own transaction. */
export function outboxStore(db: Queryable) {
  async function attemptLogs(ids: readonly string[]): Promise<Map<string, DeliveryAttempt[]>> {
    const logs = new Map<string, DeliveryAttempt[]>();
    if (ids.length === 0) return logs;
    const { rows } = await db.query<AttemptRow>(
      `SELECT delivery_id, attempt, at, status_code, error, duration_ms FROM (
         SELECT *, row_number() OVER (PARTITION BY delivery_id ORDER BY id DESC) AS n
         FROM notification_attempts WHERE delivery_id = ANY($1::text[])
       ) a WHERE n <= $2 ORDER BY delivery_id, id`,
      [ids, maxAttemptsShown],
    );
    for (const r of rows) {
      const list = logs.get(r.delivery_id) ?? [];
      list.push({
        attempt: r.attempt,
        at: iso(r.at),
        statusCode: r.status_code,
        error: r.error,
        durationMs: r.duration_ms,
      });
      logs.set(r.delivery_id, list);
    }
    return logs;
  }

  return {
    async insert(d: NewDelivery): Promise<void> {
      // The body may hold a PagerDuty routing key: keep it out of error logs.
      await scrubbed('queueing the notification', () =>
        db.query(
          `INSERT INTO notification_deliveries
           (id, notifier_id, webhook_id, kind, group_key, alerts, body, status, attempts,
            next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8)`,
          [
            d.id,
            d.notifierId,
            d.webhookId,
            d.kind,
            d.groupKey,
            d.alerts,
            d.body,
            d.createdAt.toISOString(),
          ],
        ),
      );
    },

    /** A cheap read before the claiming UPDATE: most polls find nothing to do. */
    async anyDue(now: Date): Promise<boolean> {
      const { rows } = await db.query(
        `SELECT 1 FROM notification_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 LIMIT 1`,
        [now.toISOString()],
      );
      return rows.length > 0;
    },

    /**
     * Takes up to `limit` due deliveries for `leaseMs`. Safe with several workers: rows are
     * locked with SKIP LOCKED and leased in the same statement. Within one group only the
     * oldest pending delivery is due, so a resolve never overtakes its trigger.
     */
    async claimDue(now: Date, leaseMs: number, limit: number, onlyId?: string) {
      const { rows } = await db.query<{
        id: string;
        notifier_id: string;
        webhook_id: string;
        body: string;
        attempts: number;
        created_at: Date | string;
      }>(
        `UPDATE notification_deliveries SET lease_until = $2, attempts = attempts + 1
         WHERE id IN (
           SELECT d.id FROM notification_deliveries d
           JOIN notifiers n ON n.id = d.notifier_id AND n.enabled
           WHERE d.status = 'pending' AND d.next_attempt_at <= $1
             AND (d.lease_until IS NULL OR d.lease_until <= $1)
             AND ($4::text IS NULL OR d.id = $4)
             AND NOT EXISTS (
               SELECT 1 FROM notification_deliveries o
               WHERE o.notifier_id = d.notifier_id AND o.group_key = d.group_key
                 AND o.status = 'pending' AND o.seq < d.seq)
           ORDER BY d.next_attempt_at, d.seq
           LIMIT $3
           FOR UPDATE OF d SKIP LOCKED)
         RETURNING id, notifier_id, webhook_id, body, attempts, created_at`,
        [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit, onlyId ?? null],
      );
      return rows.map((r): ClaimedDelivery => ({
        id: r.id,
        notifierId: r.notifier_id,
        webhookId: r.webhook_id,
        body: r.body,
        attempts: r.attempts,
        createdAt: new Date(r.created_at),
      }));
    },

    async recordAttempt(deliveryId: string, a: AttemptRecord): Promise<void> {
      await db.query(
        `INSERT INTO notification_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [deliveryId, a.attempt, a.at.toISOString(), a.statusCode, a.error, a.durationMs],
      );
    },

    /** Ends the lease with the attempt's result: delivered, failed, dead, or pending again. */
    async settle(
      id: string,
      result: {
        status: DeliveryStatus;
        statusCode: number | null;
        error: string | null;
        nextAttemptAt: Date | null;
        deliveredAt: Date | null;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE notification_deliveries SET status = $2, last_status_code = $3, last_error = $4,
           next_attempt_at = $5, delivered_at = $6, lease_until = NULL
         WHERE id = $1`,
        [
          id,
          result.status,
          result.statusCode,
          result.error,
          result.nextAttemptAt?.toISOString() ?? null,
          result.deliveredAt?.toISOString() ?? null,
        ],
      );
    },

    /** Gives the lease back without a result (the attempt was interrupted by shutdown). */
    async release(id: string): Promise<void> {
      await db.query(
        `UPDATE notification_deliveries SET lease_until = NULL, attempts = greatest(attempts - 1, 0)
         WHERE id = $1 AND status = 'pending'`,
        [id],
      );
    },

    /** Pending deliveries older than the give-up age become dead. Returns how many. */
    async expire(now: Date, olderThan: Date, reason: string): Promise<number> {
      const { rows } = await db.query(
        `UPDATE notification_deliveries SET status = 'dead', last_error = $2, next_attempt_at = NULL
         WHERE status = 'pending' AND created_at < $1
           AND (lease_until IS NULL OR lease_until <= $3)
         RETURNING id`,
        [olderThan.toISOString(), reason, now.toISOString()],
      );
      return rows.length;
    },

    /** The notifier went away (410): its pending deliveries will never be sent. */
    async killPending(notifierId: string, reason: string): Promise<number> {
      const { rows } = await db.query(
        `UPDATE notification_deliveries SET status = 'dead', last_error = $2,
           next_attempt_at = NULL, lease_until = NULL
         WHERE notifier_id = $1 AND status = 'pending' RETURNING id`,
        [notifierId, reason],
      );
      return rows.length;
    },

    /** Finished deliveries older than `before` are dropped with their attempts. */
    async prune(before: Date): Promise<number> {
      const { rows } = await db.query(
        `DELETE FROM notification_deliveries WHERE status <> 'pending' AND created_at < $1 RETURNING id`,
        [before.toISOString()],
      );
      return rows.length;
    },

    async get(id: string): Promise<Delivery | undefined> {
      const { rows } = await db.query<DeliveryRow>(
        `SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      return toDelivery(row, (await attemptLogs([row.id])).get(row.id) ?? []);
    },

    /** Newest first, with each delivery's attempts. */
    async list(
      notifierId: string,
      query: { status?: DeliveryStatus; limit: number },
    ): Promise<Delivery[]> {
      const { rows } = await db.query<DeliveryRow>(
        `SELECT ${COLUMNS} FROM notification_deliveries
         WHERE notifier_id = $1 AND ($2::text IS NULL OR status = $2)
         ORDER BY seq DESC LIMIT $3`,
        [notifierId, query.status ?? null, query.limit],
      );
      const logs = await attemptLogs(rows.map((r) => r.id));
      return rows.map((r) => toDelivery(r, logs.get(r.id) ?? []));
    },
  };
}

export type OutboxStore = ReturnType<typeof outboxStore>;
