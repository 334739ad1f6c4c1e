import { AlertRuleInputSchema, type AlertRuleInput } from '@eventscope/shared';
import type { Queryable } from '../store';
import { iso } from './alert-repository';
import type { RuleRecord } from './rule-compile';

type RuleRow = {
  id: string;
  name: string;
  definition: unknown;
  seeded: boolean;
  health: 'ok' | 'nodata' | 'error';
  last_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

/** Stored definitions were validated on write; parsing again fills defaults added since. */
function toRecord(row: RuleRow): RuleRecord {
  return {
    id: row.id,
    definition: AlertRuleInputSchema.parse(row.definition),
    seeded: row.seeded,
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
    health: row.health,
    lastError: row.last_error,
  };
}

export function ruleRepository(db: Queryable) {
  return {
    async list(): Promise<RuleRecord[]> {
      const { rows } = await db.query<RuleRow>(`SELECT * FROM alert_rules ORDER BY name, id`);
      return rows.map(toRecord);
    },

    async get(id: string): Promise<RuleRecord | undefined> {
      const { rows } = await db.query<RuleRow>(`SELECT * FROM alert_rules WHERE id = $1`, [id]);
      return rows[0] && toRecord(rows[0]);
    },

    async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
      const { rows } = await db.query(
        `SELECT 1 FROM alert_rules WHERE name = $1 AND id IS DISTINCT FROM $2`,
        [name, exceptId],
      );
      return rows.length > 0;
    },

    async insert(id: string, def: AlertRuleInput, seeded: boolean): Promise<RuleRecord> {
      const { rows } = await db.query<RuleRow>(
        `INSERT INTO alert_rules (id, name, definition, seeded) VALUES ($1, $2, $3::jsonb, $4)
         RETURNING *`,
        [id, def.name, JSON.stringify(def), seeded],
      );
      const row = rows[0];
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },

    async update(id: string, def: AlertRuleInput): Promise<RuleRecord | undefined> {
      const { rows } = await db.query<RuleRow>(
        `UPDATE alert_rules SET name = $2, definition = $3::jsonb,
           updated_at = greatest(now(), updated_at + interval '1 millisecond')
         WHERE id = $1 RETURNING *`,
        [id, def.name, JSON.stringify(def)],
      );
      return rows[0] && toRecord(rows[0]);
    },

    async remove(id: string): Promise<boolean> {
      const { rows } = await db.query(`DELETE FROM alert_rules WHERE id = $1 RETURNING id`, [id]);
      return rows.length > 0;
    },

    async setHealth(id: string, health: RuleRecord['health'], lastError: string | null) {
      await db.query(`UPDATE alert_rules SET health = $2, last_error = $3 WHERE id = $1`, [
        id,
        health,
        lastError,
      ]);
    },

    /** Marks a default as seeded; false when it already was (even if since deleted). */
    async claimSeed(key: string): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO alert_rule_seeds (seed_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`,
        [key],
      );
      return rows.length > 0;
    },
  };
}
