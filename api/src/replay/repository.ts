import type { PartitionRange, ReplayCounters, ReplayedRecord } from '@eventscope/collectors';
import type { DlqSelection, HandledMark, ReplayStatus } from '@eventscope/shared';
import type { Queryable } from '../store';

/** Replays and handled dead letters in the store (migration 0005). Offsets travel as text. */

export interface ReplayRow {
  id: string;
  cluster: string;
  dlq: string;
  status: ReplayStatus;
  selection: DlqSelection;
  target: string | null;
  ratePerSecond: number;
  maxReplayCount: number;
  ranges: PartitionRange[];
  /** partition → offset this table has recorded up to. */
  positions: Record<string, string>;
  selected: number | null;
  rangeSize: number;
  scanned: number;
  progress: ReplayCounters;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export const ACTIVE_STATUSES: readonly ReplayStatus[] = ['pending', 'running', 'paused'];

type Raw = {
  id: string;
  cluster: string;
  dlq: string;
  status: string;
  selection: unknown;
  target: string | null;
  rate_per_second: number;
  max_replay_count: number;
  ranges: unknown;
  positions: unknown;
  selected: number | null;
  range_size: number;
  scanned: number;
  progress: unknown;
  created_by: string;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  error: string | null;
};

const COLUMNS = `id, cluster, dlq, status, selection, target, rate_per_second, max_replay_count,
  ranges, positions, selected::float8 AS selected, range_size::float8 AS range_size,
  scanned::float8 AS scanned, progress, created_by, created_at, started_at, finished_at, error`;

const iso = (v: Date | string | null): string | null =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

/** jsonb comes back parsed from both drivers; a string (json text) is parsed here just in case. */
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function toRow(r: Raw): ReplayRow {
  return {
    id: r.id,
    cluster: r.cluster,
    dlq: r.dlq,
    status: r.status as ReplayStatus,
    selection: json<DlqSelection>(r.selection),
    target: r.target,
    ratePerSecond: r.rate_per_second,
    maxReplayCount: r.max_replay_count,
    ranges: json<PartitionRange[]>(r.ranges),
    positions: json<Record<string, string>>(r.positions),
    selected: r.selected,
    rangeSize: r.range_size,
    scanned: r.scanned,
    progress: json<ReplayCounters>(r.progress),
    createdBy: r.created_by,
    createdAt: iso(r.created_at) ?? new Date(0).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    error: r.error,
  };
}

export interface NewReplay {
  id: string;
  cluster: string;
  dlq: string;
  status: ReplayStatus;
  selection: DlqSelection;
  target: string | null;
  ratePerSecond: number;
  maxReplayCount: number;
  ranges: readonly PartitionRange[];
  selected: number;
  rangeSize: number;
  progress: ReplayCounters;
  createdBy: string;
  finished: boolean;
}

export async function insertReplay(db: Queryable, r: NewReplay): Promise<ReplayRow> {
  const { rows } = await db.query<Raw>(
    `INSERT INTO replays (id, cluster, dlq, status, selection, target, rate_per_second,
       max_replay_count, ranges, selected, range_size, progress, created_by, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10, $11, $12::jsonb, $13, now(),
       CASE WHEN $14::boolean THEN now() END)
     RETURNING ${COLUMNS}`,
    [
      r.id,
      r.cluster,
      r.dlq,
      r.status,
      JSON.stringify(r.selection),
      r.target,
      r.ratePerSecond,
      r.maxReplayCount,
      JSON.stringify(r.ranges),
      r.selected,
      r.rangeSize,
      JSON.stringify(r.progress),
      r.createdBy,
      r.finished,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return toRow(row);
}

export async function getReplay(db: Queryable, id: string): Promise<ReplayRow | null> {
  const { rows } = await db.query<Raw>(`SELECT ${COLUMNS} FROM replays WHERE id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function listReplays(
  db: Queryable,
  q: { cluster?: string; dlq?: string; status?: ReplayStatus; limit: number },
): Promise<ReplayRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  if (q.cluster !== undefined) add('cluster', q.cluster);
  if (q.dlq !== undefined) add('dlq', q.dlq);
  if (q.status !== undefined) add('status', q.status);
  params.push(q.limit);
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM replays ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toRow);
}

export async function activeReplays(db: Queryable, cluster?: string): Promise<ReplayRow[]> {
  const { rows } = await db.query<Raw>(
    `SELECT ${COLUMNS} FROM replays WHERE status IN ('pending', 'running', 'paused')
       AND ($1::text IS NULL OR cluster = $1) ORDER BY created_at`,
    [cluster ?? null],
  );
  return rows.map(toRow);
}

export async function setStatus(
  db: Queryable,
  id: string,
  status: ReplayStatus,
  extra: { error?: string | null; progress?: ReplayCounters; finished?: boolean } = {},
): Promise<ReplayRow | null> {
  const { rows } = await db.query<Raw>(
    `UPDATE replays SET status = $2,
       error = CASE WHEN $3::boolean THEN $4 ELSE error END,
       progress = COALESCE($5::jsonb, progress),
       finished_at = CASE WHEN $6::boolean THEN now() ELSE finished_at END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      status,
      extra.error !== undefined,
      extra.error ?? null,
      extra.progress ? JSON.stringify(extra.progress) : null,
      extra.finished ?? false,
    ],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/** Changes the status only from one of `from` (a guard against racing transitions). */
export async function transition(
  db: Queryable,
  id: string,
  from: readonly ReplayStatus[],
  to: ReplayStatus,
  finished = false,
): Promise<ReplayRow | null> {
  const { rows } = await db.query<Raw>(
    `UPDATE replays SET status = $2,
       finished_at = CASE WHEN $4::boolean THEN now() ELSE finished_at END
     WHERE id = $1 AND status = ANY($3::text[]) RETURNING ${COLUMNS}`,
    [id, to, from, finished],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

const HANDLED_INSERT = `
WITH d AS (SELECT * FROM json_to_recordset($1::json) AS r(p integer, o bigint))
, ins AS (
  INSERT INTO dlq_handled (cluster, topic, partition, record_offset, kind, replay_id, handled_by)
  SELECT $2, $3, p, o, $4, $5, $6 FROM d
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT count(*)::int AS inserted FROM ins`;

/** Marks records handled; returns how many were new (already handled ones are left as they are). */
export async function markHandled(
  db: Queryable,
  where: { cluster: string; topic: string },
  records: ReadonlyArray<{ partition: number; offset: string }>,
  mark: { kind: 'replayed' | 'discarded'; replayId: string | null; by: string | null },
): Promise<number> {
  if (records.length === 0) return 0;
  const { rows } = await db.query<{ inserted: number }>(HANDLED_INSERT, [
    JSON.stringify(records.map((r) => ({ p: r.partition, o: r.offset }))),
    where.cluster,
    where.topic,
    mark.kind,
    mark.replayId,
    mark.by,
  ]);
  return rows[0]?.inserted ?? 0;
}

/** After a batch: the records it replayed, the positions and totals, in one transaction. */
export async function recordBatch(
  db: Queryable,
  row: Pick<ReplayRow, 'id' | 'cluster' | 'dlq' | 'createdBy'>,
  batch: {
    records: readonly ReplayedRecord[];
    positions: ReadonlyMap<number, string>;
    totals: ReplayCounters;
    scanned: number;
  },
): Promise<number> {
  const replayed = batch.records.filter((r) => r.decision.kind === 'replay');
  const inserted = await markHandled(db, { cluster: row.cluster, topic: row.dlq }, replayed, {
    kind: 'replayed',
    replayId: row.id,
    by: row.createdBy,
  });
  await db.query(
    `UPDATE replays SET positions = positions || $2::jsonb, progress = $3::jsonb,
       scanned = GREATEST(scanned, $4) WHERE id = $1`,
    [
      row.id,
      JSON.stringify(Object.fromEntries(batch.positions)),
      JSON.stringify(batch.totals),
      batch.scanned,
    ],
  );
  return inserted;
}

export async function handledMarks(
  db: Queryable,
  where: { cluster: string; topic: string },
  records: ReadonlyArray<{ partition: number; offset: string }>,
): Promise<Map<string, HandledMark>> {
  const marks = new Map<string, HandledMark>();
  if (records.length === 0) return marks;
  const { rows } = await db.query<{
    partition: number;
    record_offset: string;
    kind: 'replayed' | 'discarded';
    replay_id: string | null;
    handled_at: Date | string;
    handled_by: string | null;
  }>(
    `SELECT h.partition, h.record_offset::text AS record_offset, h.kind, h.replay_id,
       h.handled_at, h.handled_by
     FROM json_to_recordset($3::json) AS w(p integer, o bigint)
     JOIN dlq_handled h ON h.cluster = $1 AND h.topic = $2 AND h.partition = w.p
       AND h.record_offset = w.o`,
    [
      where.cluster,
      where.topic,
      JSON.stringify(records.map((r) => ({ p: r.partition, o: r.offset }))),
    ],
  );
  for (const r of rows)
    marks.set(`${r.partition}:${r.record_offset}`, {
      kind: r.kind,
      replayId: r.replay_id,
      at: iso(r.handled_at) ?? '',
      by: r.handled_by,
    });
  return marks;
}

/** Handled offsets as runs of consecutive offsets per partition (gaps and islands). */
export async function handledRuns(
  db: Queryable,
): Promise<Array<{ cluster: string; topic: string; partition: number; from: string; to: string }>> {
  const { rows } = await db.query<{
    cluster: string;
    topic: string;
    partition: number;
    from: string;
    to: string;
  }>(
    `SELECT cluster, topic, partition, min(record_offset)::text AS "from",
       (max(record_offset) + 1)::text AS "to"
     FROM (
       SELECT cluster, topic, partition, record_offset,
         record_offset - row_number() OVER (
           PARTITION BY cluster, topic, partition ORDER BY record_offset) AS island
       FROM dlq_handled
     ) h
     GROUP BY cluster, topic, partition, island`,
  );
  return rows;
}
