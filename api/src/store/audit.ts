import { BadRequestError } from '../domain/errors';
import type { Queryable } from './db';

/** What callers record. `details` is any JSON value (a plain object in practice). */
export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  outcome: string;
  source?: string | null;
  details?: unknown;
}

export interface AuditRecord {
  /** int64 as a decimal string, like every other id that can outgrow a JS number. */
  id: string;
  /** ISO-8601. */
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  source: string | null;
  details: unknown;
}

export interface ListAuditQuery {
  limit: number;
  /** Cursor: only entries older than this id (the previous page's `nextCursor`). */
  before?: string;
  action?: string;
  actor?: string;
}

export interface AuditPage {
  entries: AuditRecord[];
  /** Pass as `before` for the next page; null when this page is the last. */
  nextCursor: string | null;
}

export interface AuditRepository {
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  listAudit(query: ListAuditQuery): Promise<AuditPage>;
}

export const MAX_AUDIT_PAGE = 500;

// A type alias, not an interface: only aliases are assignable to the driver's Row record.
type AuditRow = {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  source: string | null;
  details: unknown;
};

const COLUMNS = 'id::text AS id, at, actor, action, target, outcome, source, details';

/** `db` may be a transaction handle, so an action and its audit entry commit together. */
export function auditRepository(db: Queryable): AuditRepository {
  return {
    async appendAudit(entry) {
      const { rows } = await db.query<AuditRow>(
        `INSERT INTO audit_log (actor, action, target, outcome, source, details)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${COLUMNS}`,
        [
          text(entry.actor),
          text(entry.action),
          optionalText(entry.target),
          text(entry.outcome),
          optionalText(entry.source),
          entry.details === undefined ? null : (JSON.stringify(entry.details, withoutNul) ?? null),
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },

    async listAudit(query) {
      const limit = Math.min(Math.max(Math.trunc(query.limit), 1), MAX_AUDIT_PAGE);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (condition: string, value: unknown) => {
        params.push(value);
        where.push(condition.replace('?', `$${params.length}`));
      };
      if (query.before !== undefined) add('id < ?', cursor(query.before));
      if (query.action !== undefined) add('action = ?', query.action);
      if (query.actor !== undefined) add('actor = ?', query.actor);
      params.push(limit + 1); // one extra row tells whether another page exists
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      const entries = rows.slice(0, limit).map(toRecord);
      const last = entries.at(-1);
      return { entries, nextCursor: rows.length > limit && last ? last.id : null };
    },
  };
}

function cursor(before: string): string {
  if (!/^\d{1,19}$/.test(before)) throw new BadRequestError('invalid audit cursor', { before });
  return before;
}

/**
 * PostgreSQL text cannot hold NUL (U+0000), and jsonb rejects \u0000. An audit write must not
 * fail because an attacker put NUL in a header, so NUL is stored as U+2400 (the visible ␀).
 */
function text(value: string): string {
  return value.replaceAll('\0', '\u2400');
}

function optionalText(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : text(value);
}

/** JSON.stringify replacer (it sees values after toJSON, so Dates arrive as strings). */
function withoutNul(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return text(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.some(([k]) => k.includes('\0')))
      return Object.fromEntries(entries.map(([k, v]) => [text(k), v]));
  }
  return value;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    source: row.source,
    details: row.details,
  };
}
