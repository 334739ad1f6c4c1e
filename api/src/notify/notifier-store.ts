import type { NotifierType, SilenceMatcher } from '@eventscope/shared';
import type { Queryable } from '../store';
import { scrubbed } from './scrub';

/** A notifier as the pipeline uses it, secrets included (never returned by the API). */
export interface NotifierConfig {
  id: string;
  name: string;
  type: NotifierType;
  url: string;
  secret: string;
  routingKey: string | null;
  sendResolved: boolean;
  enabled: boolean;
  disabledReason: string | null;
  matchers: SilenceMatcher[];
  groupBy: string[];
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  repeatIntervalSeconds: number;
  createdAt: string;
  updatedAt: string;
}

type NotifierRow = {
  id: string;
  name: string;
  type: NotifierType;
  url: string;
  secret: string;
  routing_key: string | null;
  send_resolved: boolean;
  enabled: boolean;
  disabled_reason: string | null;
  matchers: SilenceMatcher[];
  group_by: string[];
  group_wait_seconds: number;
  group_interval_seconds: number;
  repeat_interval_seconds: number;
  created_at: Date | string;
  updated_at: Date | string;
};

export const iso = (v: Date | string): string => new Date(v).toISOString();
export const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));

function toConfig(row: NotifierRow): NotifierConfig {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    url: row.url,
    secret: row.secret,
    routingKey: row.routing_key,
    sendResolved: row.send_resolved,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    matchers: row.matchers,
    groupBy: row.group_by,
    groupWaitSeconds: row.group_wait_seconds,
    groupIntervalSeconds: row.group_interval_seconds,
    repeatIntervalSeconds: row.repeat_interval_seconds,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const COLUMNS = `id, name, type, url, secret, routing_key, send_resolved, enabled, disabled_reason,
  matchers, group_by, group_wait_seconds, group_interval_seconds, repeat_interval_seconds,
  created_at, updated_at`;

function values(n: NotifierConfig): unknown[] {
  return [
    n.id,
    n.name,
    n.type,
    n.url,
    n.secret,
    n.routingKey,
    n.sendResolved,
    n.enabled,
    n.disabledReason,
    JSON.stringify(n.matchers),
    JSON.stringify(n.groupBy),
    n.groupWaitSeconds,
    n.groupIntervalSeconds,
    n.repeatIntervalSeconds,
    n.createdAt,
    n.updatedAt,
  ];
}

/** `db` may be a transaction handle. */
export function notifierStore(db: Queryable) {
  return {
    async list(): Promise<NotifierConfig[]> {
      const { rows } = await db.query<NotifierRow>(
        `SELECT ${COLUMNS} FROM notifiers ORDER BY created_at, id`,
      );
      return rows.map(toConfig);
    },

    async listEnabled(): Promise<NotifierConfig[]> {
      const { rows } = await db.query<NotifierRow>(
        `SELECT ${COLUMNS} FROM notifiers WHERE enabled ORDER BY created_at, id`,
      );
      return rows.map(toConfig);
    },

    async get(id: string): Promise<NotifierConfig | undefined> {
      const { rows } = await db.query<NotifierRow>(
        `SELECT ${COLUMNS} FROM notifiers WHERE id = $1`,
        [id],
      );
      return rows[0] ? toConfig(rows[0]) : undefined;
    },

    async getMany(ids: readonly string[]): Promise<Map<string, NotifierConfig>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<NotifierRow>(
        `SELECT ${COLUMNS} FROM notifiers WHERE id = ANY($1::text[])`,
        [[...new Set(ids)]],
      );
      return new Map(rows.map((r) => [r.id, toConfig(r)]));
    },

    async insert(n: NotifierConfig): Promise<void> {
      await scrubbed('storing the notifier', () =>
        db.query(
          `INSERT INTO notifiers (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16)`,
          values(n),
        ),
      );
    },

    async update(n: NotifierConfig): Promise<boolean> {
      const { rows } = await scrubbed('updating the notifier', () =>
        db.query(
          `UPDATE notifiers SET name = $2, type = $3, url = $4, secret = $5, routing_key = $6,
           send_resolved = $7, enabled = $8, disabled_reason = $9, matchers = $10::jsonb,
           group_by = $11::jsonb, group_wait_seconds = $12, group_interval_seconds = $13,
           repeat_interval_seconds = $14, updated_at = $15
         WHERE id = $1 RETURNING id`,
          values(n).filter((_, i) => i !== 14),
        ),
      );
      return rows.length > 0;
    },

    async remove(id: string): Promise<boolean> {
      const { rows } = await db.query('DELETE FROM notifiers WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },

    /** The receiver said 410 Gone: stop sending there until an admin enables it again. */
    async disable(id: string, reason: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE notifiers SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE id = $1`,
        [id, reason, at.toISOString()],
      );
    },
  };
}

export type NotifierStore = ReturnType<typeof notifierStore>;
