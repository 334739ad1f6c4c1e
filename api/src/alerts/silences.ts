import { randomUUID } from 'node:crypto';
import type { Silence, SilenceInput } from '@eventscope/shared';
import { actorLabel, authorize, type Actor } from '../domain/auth/principal';
import { BadRequestError, NotFoundError } from '../domain/errors';
import { matchesEmpty } from './matchers';
import type { AlertsDeps } from './rules';
import { silenceRepository, silenceStatus, toSilence } from './silence-repository';

export async function listSilences(
  deps: AlertsDeps,
  actor: Actor,
  query: { status?: Silence['status'] | undefined },
  now = new Date(),
): Promise<Silence[]> {
  authorize(actor, 'viewer');
  const records = await silenceRepository(deps.db).list(now);
  return records
    .filter((s) => !query.status || silenceStatus(s, now) === query.status)
    .map((s) => toSilence(s, now));
}

const invalid = (path: string, message: string) =>
  new BadRequestError(`invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/**
 * Silences alerts matched by every matcher, from startsAt (default now) to endsAt. As in
 * Alertmanager, one matcher at least must not match an empty label: a silence of everything
 * is a mistake, not an intent.
 */
export async function createSilence(
  deps: AlertsDeps,
  actor: Actor,
  input: SilenceInput,
  now = new Date(),
): Promise<Silence> {
  const principal = authorize(actor, 'operator');
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= now.getTime()) throw invalid('endsAt', 'must be in the future');
  if (input.matchers.every(matchesEmpty))
    throw invalid('matchers', 'at least one matcher must not match an empty value');
  const record = await silenceRepository(deps.db).insert({
    id: randomUUID(),
    matchers: input.matchers.map((m) => ({ label: m.label, op: m.op, value: m.value })),
    startsAt,
    endsAt,
    createdBy: actorLabel(principal),
    comment: input.comment,
  });
  await deps.engine.reload();
  return toSilence(record, now);
}

/** Ends a silence now; the alerts it covered are notified again if still firing. */
export async function expireSilence(
  deps: AlertsDeps,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<Silence> {
  authorize(actor, 'operator');
  const record = await silenceRepository(deps.db).expire(id, now);
  if (!record) throw new NotFoundError('silence');
  await deps.engine.reload();
  return toSilence(record, now);
}
