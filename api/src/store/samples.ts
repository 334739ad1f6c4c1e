import type { ClusterSnapshot, GroupStatusCode } from '@eventscope/shared';
import type { Queryable } from './db';

/** Severity rank for "worst status in a bucket"; UNKNOWN ranks low so real trouble shows. */
export const statusRank: Record<GroupStatusCode, number> = {
  OK: 0,
  EMPTY: 1,
  UNKNOWN: 2,
  WARN: 3,
  REWIND: 4,
  STALL: 5,
  STOP: 6,
};
const rankSql = `CASE status ${Object.entries(statusRank)
  .map(([s, r]) => `WHEN '${s}' THEN ${r}`)
  .join(' ')} END`;
const worstStatusSql = `(ARRAY['OK','EMPTY','UNKNOWN','WARN','REWIND','STALL','STOP'])[max(${rankSql}) + 1]`;

export type GroupPointRow = {
  bucket: Date | string;
  lag_messages: string | number | null;
  lag_seconds: number | null;
  status: string | null;
};

export type TopicPointRow = {
  bucket: Date | string;
  messages_per_second: number | null;
  bytes_per_second: number | null;
  size_p50: number | null;
  size_p95: number | null;
  size_p99: number | null;
  size_max: number | null;
};

export interface Range {
  from: Date;
  to: Date;
  stepSeconds: number;
}

const bucketSql = (column: string) =>
  `to_timestamp(floor(extract(epoch FROM ${column}) / $4) * $4)`;

export function samplesRepository(db: Queryable) {
  return {
    /** One INSERT per table per snapshot, with arrays unnested server-side. */
    async insertSnapshot(s: ClusterSnapshot): Promise<void> {
      if (s.groups.length > 0) {
        await db.query(
          `INSERT INTO group_samples (cluster, grp, at, lag_messages, lag_seconds, status, state, members)
           SELECT $1, g, $2::timestamptz, lm, ls, st, state, m
           FROM unnest($3::text[], $4::bigint[], $5::float8[], $6::text[], $7::text[], $8::int[])
             AS t(g, lm, ls, st, state, m)`,
          [
            s.cluster,
            s.at,
            s.groups.map((g) => g.group),
            s.groups.map((g) => g.lagMessages),
            s.groups.map((g) => g.lagSeconds),
            s.groups.map((g) => g.status.code),
            s.groups.map((g) => g.state),
            s.groups.map((g) => g.members.length),
          ],
        );
      }
      if (s.topics.length > 0) {
        await db.query(
          `INSERT INTO topic_samples (cluster, topic, at, messages_per_second, bytes_per_second,
             size_p50, size_p95, size_p99, size_max)
           SELECT $1, t, $2::timestamptz, mps, bps, p50, p95, p99, mx
           FROM unnest($3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
             AS x(t, mps, bps, p50, p95, p99, mx)`,
          [
            s.cluster,
            s.at,
            s.topics.map((t) => t.topic),
            s.topics.map((t) => t.messagesPerSecond ?? null),
            s.topics.map((t) => t.bytesPerSecond ?? null),
            s.topics.map((t) => t.size?.p50 ?? null),
            s.topics.map((t) => t.size?.p95 ?? null),
            s.topics.map((t) => t.size?.p99 ?? null),
            s.topics.map((t) => t.size?.max ?? null),
          ],
        );
      }
      if (s.dlqs.length > 0) {
        await db.query(
          `INSERT INTO dlq_samples (cluster, topic, at, depth, oldest_age_seconds, inflow_per_minute)
           SELECT $1, t, $2::timestamptz, d, a, i
           FROM unnest($3::text[], $4::bigint[], $5::float8[], $6::float8[]) AS x(t, d, a, i)`,
          [
            s.cluster,
            s.at,
            s.dlqs.map((d) => d.topic),
            s.dlqs.map((d) => d.depth),
            s.dlqs.map((d) => d.oldestAgeSeconds),
            s.dlqs.map((d) => d.inflowPerMinute),
          ],
        );
      }
    },

    /** Folds raw samples of whole minutes in [since, until) into the rollup tables (idempotent). */
    async rollUp(since: Date, until: Date): Promise<void> {
      const range = [since.toISOString(), until.toISOString()];
      await db.query(
        `INSERT INTO group_rollups (cluster, grp, minute, lag_messages_max, lag_seconds_max, status, samples)
         SELECT cluster, grp, date_trunc('minute', at), max(lag_messages), max(lag_seconds),
                ${worstStatusSql}, count(*)
         FROM group_samples WHERE at >= $1 AND at < $2
         GROUP BY cluster, grp, date_trunc('minute', at)
         ON CONFLICT (cluster, grp, minute) DO UPDATE SET
           lag_messages_max = EXCLUDED.lag_messages_max, lag_seconds_max = EXCLUDED.lag_seconds_max,
           status = EXCLUDED.status, samples = EXCLUDED.samples`,
        range,
      );
      await db.query(
        `INSERT INTO topic_rollups (cluster, topic, minute, messages_per_second, bytes_per_second,
           size_p50, size_p95, size_p99, size_max)
         SELECT cluster, topic, date_trunc('minute', at), avg(messages_per_second), avg(bytes_per_second),
                avg(size_p50), max(size_p95), max(size_p99), max(size_max)
         FROM topic_samples WHERE at >= $1 AND at < $2
         GROUP BY cluster, topic, date_trunc('minute', at)
         ON CONFLICT (cluster, topic, minute) DO UPDATE SET
           messages_per_second = EXCLUDED.messages_per_second, bytes_per_second = EXCLUDED.bytes_per_second,
           size_p50 = EXCLUDED.size_p50, size_p95 = EXCLUDED.size_p95, size_p99 = EXCLUDED.size_p99,
           size_max = EXCLUDED.size_max`,
        range,
      );
    },

    async prune(rawBefore: Date, rollupBefore: Date): Promise<void> {
      for (const table of ['group_samples', 'topic_samples', 'dlq_samples']) {
        await db.query(`DELETE FROM ${table} WHERE at < $1`, [rawBefore.toISOString()]);
      }
      for (const table of ['group_rollups', 'topic_rollups']) {
        await db.query(`DELETE FROM ${table} WHERE minute < $1`, [rollupBefore.toISOString()]);
      }
    },

    async groupHistory(cluster: string, group: string, r: Range, source: 'raw' | 'rollup') {
      const sql =
        source === 'raw'
          ? `SELECT ${bucketSql('at')} AS bucket, max(lag_messages) AS lag_messages,
               max(lag_seconds) AS lag_seconds, ${worstStatusSql} AS status
             FROM group_samples WHERE cluster = $1 AND grp = $2 AND at >= $5 AND at < $3
             GROUP BY bucket ORDER BY bucket`
          : `SELECT ${bucketSql('minute')} AS bucket, max(lag_messages_max) AS lag_messages,
               max(lag_seconds_max) AS lag_seconds, ${worstStatusSql} AS status
             FROM group_rollups WHERE cluster = $1 AND grp = $2 AND minute >= $5 AND minute < $3
             GROUP BY bucket ORDER BY bucket`;
      const { rows } = await db.query<GroupPointRow>(sql, [
        cluster,
        group,
        r.to.toISOString(),
        r.stepSeconds,
        r.from.toISOString(),
      ]);
      return rows;
    },

    async topicHistory(cluster: string, topic: string, r: Range, source: 'raw' | 'rollup') {
      const table = source === 'raw' ? 'topic_samples' : 'topic_rollups';
      const time = source === 'raw' ? 'at' : 'minute';
      const { rows } = await db.query<TopicPointRow>(
        `SELECT ${bucketSql(time)} AS bucket, avg(messages_per_second) AS messages_per_second,
           avg(bytes_per_second) AS bytes_per_second, avg(size_p50) AS size_p50,
           max(size_p95) AS size_p95, max(size_p99) AS size_p99, max(size_max) AS size_max
         FROM ${table} WHERE cluster = $1 AND topic = $2 AND ${time} >= $5 AND ${time} < $3
         GROUP BY bucket ORDER BY bucket`,
        [cluster, topic, r.to.toISOString(), r.stepSeconds, r.from.toISOString()],
      );
      return rows;
    },
  };
}

export type SamplesRepository = ReturnType<typeof samplesRepository>;
