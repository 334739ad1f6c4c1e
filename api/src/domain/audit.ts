import type { Store } from '../store';
import { actorLabel, type Actor } from './auth/principal';
import { DomainError } from './errors';

export interface AuditContext {
  actor: Actor;
  /** Client address as Express sees it (trust proxy: loopback). */
  source: string | null;
}

/**
 * Runs a write and records it in the audit log either way: success, denied (a role or
 * auth error) or failure. Callers pass details that are safe to keep: never secrets.
 */
export async function audited<T>(
  store: Pick<Store, 'audit'>,
  ctx: AuditContext,
  what: { action: string; target: string; details?: Record<string, unknown> },
  run: () => Promise<T>,
): Promise<T> {
  const base = {
    actor: actorLabel(ctx.actor),
    action: what.action,
    target: what.target,
    source: ctx.source,
  };
  try {
    const result = await run();
    await store.audit.appendAudit({ ...base, outcome: 'success', details: what.details ?? null });
    return result;
  } catch (error) {
    const denied =
      error instanceof DomainError &&
      (error.code === 'forbidden' || error.code === 'unauthenticated');
    const reason = error instanceof DomainError ? error.message : 'internal error';
    await store.audit.appendAudit({
      ...base,
      outcome: denied ? 'denied' : 'failure',
      details: { ...what.details, reason },
    });
    throw error;
  }
}
