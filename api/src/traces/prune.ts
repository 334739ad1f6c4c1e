import type { Queryable } from '../store';

/** Retention: deletes the chunks whose newest span started before `olderThan`; returns spans. */
export async function pruneSpans(db: Queryable, olderThan: Date): Promise<number> {
  const { rows } = await db.query<{ deleted: number }>(
    `WITH c AS (DELETE FROM span_chunks WHERE last_started_at < $1 RETURNING span_count)
     SELECT coalesce(sum(span_count), 0)::int AS deleted FROM c`,
    [olderThan.toISOString()],
  );
  return rows[0]?.deleted ?? 0;
}
