import type { Queryable } from '../store';

/** Retention: deletes spans (and their index and link rows) that started before `olderThan`. */
export async function pruneSpans(db: Queryable, olderThan: Date): Promise<number> {
  const { rows } = await db.query<{ deleted: number }>(
    `WITH s AS (DELETE FROM spans WHERE started_at < $1 RETURNING 1),
       t AS (DELETE FROM trace_index WHERE last_started_at < $1),
       l AS (DELETE FROM span_links WHERE started_at < $1)
     SELECT count(*)::int AS deleted FROM s`,
    [olderThan.toISOString()],
  );
  return rows[0]?.deleted ?? 0;
}
