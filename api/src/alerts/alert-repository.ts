import type { Alert, AlertMetric, AlertState, Severity } from '@eventscope/shared';
import type { Queryable } from '../store';
import type { Ack, Health, Instance } from './instances';
import { withRange } from './paths';

type Time = Date | string | null;

export type AlertRow = {
  fingerprint: string;
  rule_id: string;
  rule_name: string;
  family: string;
  series_key: string;
  series_labels: Record<string, string>;
  metric: AlertMetric;
  cluster: string | null;
  state: AlertState;
  severity: Severity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number | null;
  threshold: number;
  health: Health;
  active_at: Time;
  fired_at: Time;
  resolved_at: Time;
  last_true_at: Time;
  last_seen_at: Time;
  last_evaluated_at: Time;
  silenced_by: string[];
  inhibited_by: string[];
  url: string;
  ack_by: string | null;
  ack_at: Time;
  ack_comment: string | null;
};

export const iso = (v: Time): string | null => (v === null ? null : new Date(v).toISOString());
const ms = (v: Time): number | null => (v === null ? null : new Date(v).getTime());
const isoMs = (v: number | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Columns the engine owns; the acknowledgement columns belong to the ack actions. */
const recordColumns = `fingerprint text, rule_id text, rule_name text, family text, series_key text,
  series_labels jsonb, metric text, cluster text, state text, severity text, labels jsonb,
  annotations jsonb, value float8, threshold float8, health text, active_at timestamptz,
  fired_at timestamptz, resolved_at timestamptz, last_true_at timestamptz,
  last_seen_at timestamptz, last_evaluated_at timestamptz, silenced_by jsonb,
  inhibited_by jsonb, url text`;
const columnNames = recordColumns
  .split(',')
  .map((c) => c.trim().split(/\s+/)[0] ?? '')
  .filter(Boolean);

function toRecord(i: Instance) {
  return {
    fingerprint: i.fingerprint,
    rule_id: i.ruleId,
    rule_name: i.ruleName,
    family: i.family,
    series_key: i.seriesKey,
    series_labels: i.seriesLabels,
    metric: i.metric,
    cluster: i.cluster,
    state: i.state,
    severity: i.severity,
    labels: i.labels,
    annotations: i.annotations,
    value: i.value !== null && Number.isFinite(i.value) ? i.value : null,
    threshold: i.threshold,
    health: i.health,
    active_at: isoMs(i.activeAt),
    fired_at: isoMs(i.firedAt),
    resolved_at: isoMs(i.resolvedAt),
    last_true_at: isoMs(i.lastTrueAt),
    last_seen_at: isoMs(i.lastSeenAt),
    last_evaluated_at: isoMs(i.lastEvaluatedAt),
    silenced_by: i.silencedBy,
    inhibited_by: i.inhibitedBy,
    url: i.path,
  };
}

const ackOf = (row: AlertRow): Ack | null =>
  row.ack_by === null
    ? null
    : { by: row.ack_by, at: iso(row.ack_at) ?? '', comment: row.ack_comment };

/** An alert read back from the store (at start: the active ones survive restarts). */
export function toInstance(row: AlertRow, ruleVersion: string): Instance {
  const now = Date.now();
  return {
    fingerprint: row.fingerprint,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    ruleVersion,
    metric: row.metric,
    severity: row.severity,
    threshold: row.threshold,
    family: row.family,
    seriesKey: row.series_key,
    seriesLabels: row.series_labels,
    cluster: row.cluster,
    labels: row.labels,
    annotations: row.annotations,
    path: row.url,
    value: row.value,
    health: row.health,
    state: row.state,
    activeAt: ms(row.active_at) ?? now,
    firedAt: ms(row.fired_at),
    resolvedAt: ms(row.resolved_at),
    lastTrueAt: ms(row.last_true_at),
    lastSeenAt: ms(row.last_seen_at) ?? now,
    lastEvaluatedAt: ms(row.last_evaluated_at) ?? now,
    silencedBy: row.silenced_by,
    inhibitedBy: row.inhibited_by,
    ack: ackOf(row),
    fresh: false,
  };
}

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.fingerprint,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    state: row.state,
    severity: row.severity,
    labels: row.labels,
    annotations: row.annotations,
    value: row.value,
    threshold: row.threshold,
    health: row.health,
    activeAt: iso(row.active_at),
    firedAt: iso(row.fired_at),
    resolvedAt: iso(row.resolved_at),
    lastEvaluatedAt: iso(row.last_evaluated_at) ?? '',
    silenced: row.silenced_by.length > 0,
    silencedBy: row.silenced_by,
    inhibited: row.inhibited_by.length > 0,
    inhibitedBy: row.inhibited_by,
    acknowledged: ackOf(row),
    url: withRange(row.url, ms(row.active_at), Date.now()),
  };
}

export interface AlertFilter {
  states: readonly AlertState[];
  severities?: readonly Severity[];
  labels?: Readonly<Record<string, string>>;
  silenced?: boolean;
  /** Resolved alerts resolved at or after this time. */
  resolvedSince: Date;
  limit: number;
}

export function alertRepository(db: Queryable) {
  return {
    /** One statement for the whole batch, whatever its size. */
    async upsert(instances: readonly Instance[]): Promise<void> {
      if (instances.length === 0) return;
      const names = columnNames.join(', ');
      const updates = columnNames
        .filter((c) => c !== 'fingerprint')
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ');
      await db.query(
        `INSERT INTO alerts (${names})
         SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${recordColumns})
         ON CONFLICT (fingerprint) DO UPDATE SET ${updates}`,
        [JSON.stringify(instances.map(toRecord))],
      );
      const fresh = instances.filter((i) => i.fresh).map((i) => i.fingerprint);
      if (fresh.length > 0)
        await db.query(
          `UPDATE alerts SET ack_by = NULL, ack_at = NULL, ack_comment = NULL
           WHERE fingerprint = ANY($1::text[])`,
          [fresh],
        );
    },

    async remove(fingerprints: readonly string[]): Promise<void> {
      if (fingerprints.length === 0) return;
      await db.query(`DELETE FROM alerts WHERE fingerprint = ANY($1::text[])`, [fingerprints]);
    },

    async active(): Promise<AlertRow[]> {
      const { rows } = await db.query<AlertRow>(
        `SELECT * FROM alerts WHERE state IN ('pending', 'firing')`,
      );
      return rows;
    },

    async acks(): Promise<Map<string, Ack | null>> {
      const { rows } = await db.query<AlertRow>(
        `SELECT fingerprint, ack_by, ack_at, ack_comment FROM alerts WHERE state <> 'resolved'`,
      );
      return new Map(rows.map((r) => [r.fingerprint, ackOf(r)]));
    },

    async get(fingerprint: string): Promise<AlertRow | undefined> {
      const { rows } = await db.query<AlertRow>(`SELECT * FROM alerts WHERE fingerprint = $1`, [
        fingerprint,
      ]);
      return rows[0];
    },

    async list(filter: AlertFilter): Promise<AlertRow[]> {
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where = [
        `state = ANY(${p(filter.states)}::text[])`,
        `(state <> 'resolved' OR resolved_at >= ${p(filter.resolvedSince.toISOString())}::timestamptz)`,
      ];
      if (filter.severities) where.push(`severity = ANY(${p(filter.severities)}::text[])`);
      if (filter.labels) where.push(`labels @> ${p(JSON.stringify(filter.labels))}::jsonb`);
      if (filter.silenced !== undefined)
        where.push(`(jsonb_array_length(silenced_by) > 0) = ${p(filter.silenced)}::boolean`);
      const { rows } = await db.query<AlertRow>(
        `SELECT * FROM alerts WHERE ${where.join(' AND ')}
         ORDER BY CASE state WHEN 'firing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
                  CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
                  active_at, fingerprint
         LIMIT ${p(filter.limit)}`,
        params,
      );
      return rows;
    },

    /** Sets or clears (ack null) the acknowledgement of an active alert; undefined if none. */
    async setAck(fingerprint: string, ack: Ack | null): Promise<AlertRow | undefined> {
      const { rows } = await db.query<AlertRow>(
        `UPDATE alerts SET ack_by = $2, ack_at = $3::timestamptz, ack_comment = $4
         WHERE fingerprint = $1 AND state <> 'resolved' RETURNING *`,
        [fingerprint, ack?.by ?? null, ack?.at ?? null, ack?.comment ?? null],
      );
      return rows[0];
    },

    async pruneResolved(before: Date): Promise<void> {
      await db.query(`DELETE FROM alerts WHERE state = 'resolved' AND resolved_at < $1`, [
        before.toISOString(),
      ]);
    },
  };
}
