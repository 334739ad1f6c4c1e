import type { Health } from '@eventscope/shared';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusBadge } from '../../components/StatusBadge';

/** Eventscope's own health: if the store is down every other number on screen is suspect. */
export function ServiceSummary({ health }: { health: Health }) {
  return (
    <dl className="summary" aria-label="Eventscope">
      <div>
        <dt>Eventscope</dt>
        <dd>
          <StatusBadge status={health.status} />
        </dd>
      </div>
      <div>
        <dt>Store</dt>
        <dd>
          <span className="mono">{health.store.engine}</span>{' '}
          <StatusBadge status={health.store.status} title={health.store.error} />
        </dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd className="mono">{health.version}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>
          <RelativeTime at={health.startedAt} />
        </dd>
      </div>
      {health.store.error ? (
        <div className="summary-wide">
          <dt>Store error</dt>
          <dd className="text-crit">{health.store.error}</dd>
        </div>
      ) : null}
    </dl>
  );
}
