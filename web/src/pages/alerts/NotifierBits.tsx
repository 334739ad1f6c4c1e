import type { Notifier } from '@eventscope/shared';
import { formatDuration } from '../../lib/format';
import { matcherText } from '../../lib/alertMatch';

export function NotifierStatus({ notifier }: { notifier: Notifier }) {
  if (notifier.enabled) return <span className="badge role-ok">enabled</span>;
  return (
    <span
      className={`badge ${notifier.disabledReason ? 'role-crit' : 'role-muted'}`}
      title={notifier.disabledReason ?? 'Disabled by an admin'}
    >
      disabled
    </span>
  );
}

/** "all alerts · by alertname, cluster · wait 5 s, every 1 m, repeat 4 h" */
export function RouteSummary({ notifier: n }: { notifier: Notifier }) {
  return (
    <span className="route-summary">
      {n.matchers.length === 0 ? (
        <span className="muted">all alerts</span>
      ) : (
        <span className="label-chips">
          {n.matchers.map((m, i) => (
            <span key={i} className="label-chip mono">
              {matcherText(m)}
            </span>
          ))}
        </span>
      )}
      <span className="muted">
        {' '}
        · by {n.groupBy.join(', ') || 'nothing'} · wait {formatDuration(n.groupWaitSeconds)}, every{' '}
        {formatDuration(n.groupIntervalSeconds)}, repeat {formatDuration(n.repeatIntervalSeconds)}
        {n.sendResolved ? '' : ' · no resolved'}
      </span>
    </span>
  );
}
