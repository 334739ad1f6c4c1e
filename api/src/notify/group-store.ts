import type { Queryable } from '../store';
import type { GroupAlert, GroupState } from './grouping';

export interface StoredGroup {
  notifierId: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  state: GroupState;
  nextFlushAt: Date;
}

type GroupRow = {
  notifier_id: string;
  group_key: string;
  group_labels: Record<string, string>;
  alerts: Record<string, GroupAlert>;
  next_flush_at: Date | string;
  last_notified_at: Date | string | null;
  last_firing: string[];
  last_resolved: string[];
};

const COLUMNS = `notifier_id, group_key, group_labels, alerts, next_flush_at, last_notified_at,
  last_firing, last_resolved`;

function toGroup(row: GroupRow): StoredGroup {
  return {
    notifierId: row.notifier_id,
    groupKey: row.group_key,
    groupLabels: row.group_labels,
    nextFlushAt: new Date(row.next_flush_at),
    state: {
      alerts: row.alerts,
      lastNotifiedAt:
        row.last_notified_at === null ? null : new Date(row.last_notified_at).getTime(),
      lastFiring: row.last_firing,
      lastResolved: row.last_resolved,
    },
  };
}

/** Aggregation groups; every call runs on the caller's transaction and locks what it reads. */
export function groupStore(tx: Queryable) {
  return {
    /** The groups of one notifier with these keys, locked until the transaction ends. */
    async lock(notifierId: string, keys: readonly string[]): Promise<Map<string, StoredGroup>> {
      const { rows } = await tx.query<GroupRow>(
        `SELECT ${COLUMNS} FROM notification_groups
         WHERE notifier_id = $1 AND group_key = ANY($2::text[])
         ORDER BY group_key FOR UPDATE`,
        [notifierId, keys],
      );
      return new Map(rows.map((r) => [r.group_key, toGroup(r)]));
    },

    /** One due group, locked; undefined when another worker holds it or it is not due. */
    async lockDue(notifierId: string, key: string, now: Date): Promise<StoredGroup | undefined> {
      const { rows } = await tx.query<GroupRow>(
        `SELECT ${COLUMNS} FROM notification_groups
         WHERE notifier_id = $1 AND group_key = $2 AND next_flush_at <= $3
         FOR UPDATE SKIP LOCKED`,
        [notifierId, key, now.toISOString()],
      );
      return rows[0] ? toGroup(rows[0]) : undefined;
    },

    async due(now: Date, limit: number): Promise<{ notifierId: string; groupKey: string }[]> {
      const { rows } = await tx.query<{ notifier_id: string; group_key: string }>(
        `SELECT notifier_id, group_key FROM notification_groups WHERE next_flush_at <= $1
         ORDER BY next_flush_at LIMIT $2`,
        [now.toISOString(), limit],
      );
      return rows.map((r) => ({ notifierId: r.notifier_id, groupKey: r.group_key }));
    },

    /** False when a concurrent transaction created the same group first. */
    async insert(group: StoredGroup, createdAt: Date): Promise<boolean> {
      const { rows } = await tx.query(
        `INSERT INTO notification_groups
           (notifier_id, group_key, group_labels, alerts, created_at, next_flush_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
         ON CONFLICT (notifier_id, group_key) DO NOTHING RETURNING group_key`,
        [
          group.notifierId,
          group.groupKey,
          JSON.stringify(group.groupLabels),
          JSON.stringify(group.state.alerts),
          createdAt.toISOString(),
          group.nextFlushAt.toISOString(),
        ],
      );
      return rows.length > 0;
    },

    async save(group: StoredGroup): Promise<void> {
      const s = group.state;
      await tx.query(
        `UPDATE notification_groups SET alerts = $3::jsonb, next_flush_at = $4,
           last_notified_at = $5, last_firing = $6::jsonb, last_resolved = $7::jsonb
         WHERE notifier_id = $1 AND group_key = $2`,
        [
          group.notifierId,
          group.groupKey,
          JSON.stringify(s.alerts),
          group.nextFlushAt.toISOString(),
          s.lastNotifiedAt === null ? null : new Date(s.lastNotifiedAt).toISOString(),
          JSON.stringify(s.lastFiring),
          JSON.stringify(s.lastResolved),
        ],
      );
    },

    /** New alert sets for several groups of one notifier, in one statement. */
    async saveAlerts(
      notifierId: string,
      alertsByKey: ReadonlyMap<string, Record<string, GroupAlert>>,
    ): Promise<void> {
      if (alertsByKey.size === 0) return;
      await tx.query(
        `UPDATE notification_groups g SET alerts = v.value
         FROM jsonb_each($2::jsonb) AS v
         WHERE g.notifier_id = $1 AND g.group_key = v.key`,
        [notifierId, JSON.stringify(Object.fromEntries(alertsByKey))],
      );
    },

    async remove(notifierId: string, key: string): Promise<void> {
      await tx.query('DELETE FROM notification_groups WHERE notifier_id = $1 AND group_key = $2', [
        notifierId,
        key,
      ]);
    },

    /** Routing changed or the notifier stopped: its groups start over. */
    async removeAll(notifierId: string): Promise<void> {
      await tx.query('DELETE FROM notification_groups WHERE notifier_id = $1', [notifierId]);
    },
  };
}
