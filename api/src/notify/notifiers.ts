import { randomUUID } from 'node:crypto';
import type { Notifier, NotifierInput, NotifierUpdate } from '@eventscope/shared';
import { authorize, type Actor } from '../domain/auth/principal';
import { BadRequestError, ConflictError, NotFoundError } from '../domain/errors';
import type { Db } from '../store';
import { groupStore } from './group-store';
import { notifierStore, type NotifierConfig } from './notifier-store';
import { toNotifier } from './notifier-view';
import { pagerDutyEventsUrl } from './payload';
import { newSigningSecret } from './signing';

/** Plenty for routes by team and severity; a bound so a script cannot create millions. */
export const maxNotifiers = 100;

function invalid(path: string, message: string): BadRequestError {
  return new BadRequestError(`invalid body: ${path}: ${message}`, { issues: [{ path, message }] });
}

export async function listNotifiers(db: Db, actor: Actor): Promise<Notifier[]> {
  authorize(actor, 'viewer');
  return (await notifierStore(db).list()).map(toNotifier);
}

export async function getNotifier(db: Db, actor: Actor, id: string): Promise<Notifier> {
  authorize(actor, 'viewer');
  const found = await notifierStore(db).get(id);
  if (!found) throw new NotFoundError(`notifier ${id}`);
  return toNotifier(found);
}

/** Creates a notifier; a generated signing secret is returned this once. */
export async function createNotifier(
  db: Db,
  actor: Actor,
  input: NotifierInput,
  now: Date,
): Promise<Notifier & { secret?: string }> {
  authorize(actor, 'admin');
  const url = input.url ?? (input.type === 'pagerduty' ? pagerDutyEventsUrl : undefined);
  if (!url) throw invalid('url', 'url is required for webhook and slack notifiers');
  if (input.type === 'pagerduty' && !input.routingKey)
    throw invalid('routingKey', 'routingKey is required for pagerduty notifiers');
  const secret = input.secret ?? newSigningSecret();
  const config: NotifierConfig = {
    id: randomUUID(),
    name: input.name,
    type: input.type,
    url,
    secret,
    routingKey: input.routingKey ?? null,
    sendResolved: input.sendResolved,
    enabled: input.enabled,
    disabledReason: null,
    matchers: input.matchers,
    groupBy: input.groupBy,
    groupWaitSeconds: input.groupWaitSeconds,
    groupIntervalSeconds: input.groupIntervalSeconds,
    repeatIntervalSeconds: input.repeatIntervalSeconds,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM notifiers');
    if ((rows[0]?.n ?? 0) >= maxNotifiers)
      throw new ConflictError(`at most ${maxNotifiers} notifiers; delete one first`);
    await notifierStore(tx).insert(config);
  });
  return { ...toNotifier(config), ...(input.secret ? {} : { secret }) };
}

/**
 * Replaces a notifier's settings. The write-only values (URL, signing secret, routing key) are
 * kept when left out. A change of routing (type, matchers, grouping) or disabling it starts
 * its aggregation groups over.
 */
export async function updateNotifier(
  db: Db,
  actor: Actor,
  id: string,
  input: NotifierUpdate,
  now: Date,
): Promise<Notifier> {
  authorize(actor, 'admin');
  return db.transaction(async (tx) => {
    const store = notifierStore(tx);
    const existing = await store.get(id);
    if (!existing) throw new NotFoundError(`notifier ${id}`);
    const sameType = existing.type === input.type;
    const url =
      input.url ??
      (sameType ? existing.url : input.type === 'pagerduty' ? pagerDutyEventsUrl : undefined);
    if (!url) throw invalid('url', 'url is required when changing the type to webhook or slack');
    const routingKey = input.routingKey ?? (sameType ? existing.routingKey : null);
    if (input.type === 'pagerduty' && !routingKey)
      throw invalid('routingKey', 'routingKey is required for pagerduty notifiers');
    const next: NotifierConfig = {
      ...existing,
      name: input.name,
      type: input.type,
      url,
      secret: input.secret ?? existing.secret,
      routingKey: input.type === 'pagerduty' ? routingKey : null,
      sendResolved: input.sendResolved,
      enabled: input.enabled,
      // Enabling again clears why the system disabled it; disabling by hand gives no reason.
      disabledReason: !input.enabled && !existing.enabled ? existing.disabledReason : null,
      matchers: input.matchers,
      groupBy: input.groupBy,
      groupWaitSeconds: input.groupWaitSeconds,
      groupIntervalSeconds: input.groupIntervalSeconds,
      repeatIntervalSeconds: input.repeatIntervalSeconds,
      updatedAt: now.toISOString(),
    };
    await store.update(next);
    const rerouted =
      existing.type !== next.type ||
      !next.enabled ||
      JSON.stringify(existing.matchers) !== JSON.stringify(next.matchers) ||
      JSON.stringify(existing.groupBy) !== JSON.stringify(next.groupBy);
    if (rerouted) await groupStore(tx).removeAll(id);
    return toNotifier(next);
  });
}

export async function deleteNotifier(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'admin');
  if (!(await notifierStore(db).remove(id))) throw new NotFoundError(`notifier ${id}`);
}
