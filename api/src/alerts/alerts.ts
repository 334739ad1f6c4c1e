import type { Alert, AlertListQuerySchema } from '@eventscope/shared';
import type { z } from 'zod';
import { actorLabel, authorize, type Actor } from '../domain/auth/principal';
import { ConflictError, NotFoundError } from '../domain/errors';
import { alertRepository, toAlert } from './alert-repository';
import type { AlertsDeps } from './rules';

export type AlertListQuery = z.output<typeof AlertListQuerySchema>;

/** At most this many alerts per list; the most severe and oldest come first. */
export const maxAlertList = 1000;

function parseLabels(pairs: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0)
      Object.defineProperty(labels, pair.slice(0, at), {
        value: pair.slice(at + 1),
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return labels;
}

export async function listAlerts(
  deps: AlertsDeps,
  actor: Actor,
  query: AlertListQuery,
  now = new Date(),
): Promise<Alert[]> {
  authorize(actor, 'viewer');
  const rows = await alertRepository(deps.db).list({
    states: query.state?.length ? query.state : ['pending', 'firing', 'resolved'],
    ...(query.severity?.length ? { severities: query.severity } : {}),
    ...(query.labels ? { labels: parseLabels(query.labels) } : {}),
    ...(query.silenced ? { silenced: query.silenced === 'true' } : {}),
    resolvedSince: new Date(now.getTime() - query.resolvedWithinSeconds * 1000),
    limit: maxAlertList,
  });
  return rows.map(toAlert);
}

export async function getAlert(deps: AlertsDeps, actor: Actor, id: string): Promise<Alert> {
  authorize(actor, 'viewer');
  const row = await alertRepository(deps.db).get(id);
  if (!row) throw new NotFoundError('alert');
  return toAlert(row);
}

/**
 * Acknowledges an active alert ("I am on it"): it keeps firing and stays visible, and the
 * notifications carry the flag. Cleared when the alert resolves and fires again.
 */
export async function setAcknowledgement(
  deps: AlertsDeps,
  actor: Actor,
  id: string,
  ack: { comment?: string | undefined } | null,
  now = new Date(),
): Promise<Alert> {
  const principal = authorize(actor, 'operator');
  const repo = alertRepository(deps.db);
  const row = await repo.setAck(
    id,
    ack && { by: actorLabel(principal), at: now.toISOString(), comment: ack.comment ?? null },
  );
  if (!row) {
    if (await repo.get(id))
      throw new ConflictError('the alert is resolved; nothing to acknowledge');
    throw new NotFoundError('alert');
  }
  await deps.engine.reload();
  return toAlert(row);
}
