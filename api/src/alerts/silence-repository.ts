import type { Silence } from '@eventscope/shared';
import type { Queryable } from '../store';
import { iso } from './alert-repository';
import type { Matcher } from './matchers';

type SilenceRow = {
  id: string;
  matchers: Matcher[];
  starts_at: Date | string;
  ends_at: Date | string;
  created_by: string;
  comment: string;
  created_at: Date | string;
};

export interface SilenceRecord {
  id: string;
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
  createdAt: Date;
}

const toRecord = (row: SilenceRow): SilenceRecord => ({
  id: row.id,
  matchers: row.matchers,
  startsAt: new Date(row.starts_at),
  endsAt: new Date(row.ends_at),
  createdBy: row.created_by,
  comment: row.comment,
  createdAt: new Date(row.created_at),
});

export function silenceStatus(s: SilenceRecord, now: Date): Silence['status'] {
  if (s.endsAt.getTime() <= now.getTime()) return 'expired';
  return s.startsAt.getTime() > now.getTime() ? 'pending' : 'active';
}

export function toSilence(s: SilenceRecord, now: Date): Silence {
  return {
    id: s.id,
    matchers: s.matchers.map((m) => ({ label: m.label, op: m.op, value: m.value })),
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    createdBy: s.createdBy,
    comment: s.comment,
    status: silenceStatus(s, now),
    createdAt: iso(s.createdAt) ?? '',
  };
}

export function silenceRepository(db: Queryable) {
  return {
    async insert(s: Omit<SilenceRecord, 'createdAt'>): Promise<SilenceRecord> {
      const { rows } = await db.query<SilenceRow>(
        `INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment)
         VALUES ($1, $2::jsonb, $3, $4, $5, $6) RETURNING *`,
        [
          s.id,
          JSON.stringify(s.matchers),
          s.startsAt.toISOString(),
          s.endsAt.toISOString(),
          s.createdBy,
          s.comment,
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },

    async get(id: string): Promise<SilenceRecord | undefined> {
      const { rows } = await db.query<SilenceRow>(`SELECT * FROM silences WHERE id = $1`, [id]);
      return rows[0] && toRecord(rows[0]);
    },

    /** Newest first; expired ones too unless `current` (not yet ended at `now`). */
    async list(now: Date, current = false, limit = 1000): Promise<SilenceRecord[]> {
      const { rows } = await db.query<SilenceRow>(
        `SELECT * FROM silences ${current ? 'WHERE ends_at > $2' : ''}
         ORDER BY created_at DESC, id LIMIT $1`,
        current ? [limit, now.toISOString()] : [limit],
      );
      return rows.map(toRecord);
    },

    /** Ends a silence now (a pending one never starts); undefined when there is none. */
    async expire(id: string, now: Date): Promise<SilenceRecord | undefined> {
      const { rows } = await db.query<SilenceRow>(
        `UPDATE silences SET ends_at = least(ends_at, $2::timestamptz),
           starts_at = least(starts_at, $2::timestamptz)
         WHERE id = $1 RETURNING *`,
        [id, now.toISOString()],
      );
      return rows[0] && toRecord(rows[0]);
    },

    async pruneExpired(before: Date): Promise<void> {
      await db.query(`DELETE FROM silences WHERE ends_at < $1`, [before.toISOString()]);
    },
  };
}
