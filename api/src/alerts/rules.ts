import { randomUUID } from 'node:crypto';
import type { AlertRule, AlertRuleInput } from '@eventscope/shared';
import { authorize, type Actor } from '../domain/auth/principal';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Db } from '../store';
import type { AlertEngine } from './engine';
import type { RuleRecord } from './rule-compile';
import { ruleRepository } from './rule-repository';
import { assertValidRule } from './rule-validation';

/** What the alert actions need: the store, and the engine to re-read what they changed. */
export interface AlertsDeps {
  db: Db;
  engine: Pick<AlertEngine, 'reload'>;
}

export function toAlertRule(r: RuleRecord): AlertRule {
  const { statuses, windowSeconds, ...def } = r.definition;
  return {
    id: r.id,
    ...def,
    ...(statuses ? { statuses } : {}),
    ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    seeded: r.seeded,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    health: r.health,
    lastError: r.lastError,
  };
}

export async function listRules(deps: AlertsDeps, actor: Actor): Promise<AlertRule[]> {
  authorize(actor, 'viewer');
  return (await ruleRepository(deps.db).list()).map(toAlertRule);
}

export async function getRule(deps: AlertsDeps, actor: Actor, id: string): Promise<AlertRule> {
  authorize(actor, 'viewer');
  const rule = await ruleRepository(deps.db).get(id);
  if (!rule) throw new NotFoundError('alert rule');
  return toAlertRule(rule);
}

const nameConflict = (name: string) =>
  new ConflictError(`an alert rule named "${name}" exists; rule names identify alerts`, {
    issues: [{ path: 'name', message: 'must be unique' }],
  });

export async function createRule(
  deps: AlertsDeps,
  actor: Actor,
  input: AlertRuleInput,
): Promise<AlertRule> {
  authorize(actor, 'admin');
  const def = assertValidRule(input);
  const record = await deps.db.transaction(async (tx) => {
    const repo = ruleRepository(tx);
    if (await repo.nameTaken(def.name, null)) throw nameConflict(def.name);
    return repo.insert(randomUUID(), def, false);
  });
  await deps.engine.reload();
  return toAlertRule(record);
}

/** Replaces a rule. Alerts whose labels stay the same carry on; others resolve. */
export async function updateRule(
  deps: AlertsDeps,
  actor: Actor,
  id: string,
  input: AlertRuleInput,
): Promise<AlertRule> {
  authorize(actor, 'admin');
  const def = assertValidRule(input);
  const record = await deps.db.transaction(async (tx) => {
    const repo = ruleRepository(tx);
    if (!(await repo.get(id))) throw new NotFoundError('alert rule');
    if (await repo.nameTaken(def.name, id)) throw nameConflict(def.name);
    return repo.update(id, def);
  });
  if (!record) throw new NotFoundError('alert rule');
  await deps.engine.reload();
  return toAlertRule(record);
}

/** Deletes a rule; its firing alerts resolve (and are notified as resolved). */
export async function deleteRule(deps: AlertsDeps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'admin');
  if (!(await ruleRepository(deps.db).remove(id))) throw new NotFoundError('alert rule');
  await deps.engine.reload();
}
