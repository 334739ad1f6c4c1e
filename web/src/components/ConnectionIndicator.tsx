import type { StreamStatus } from '../hooks/useEventStream';
import { useNow } from '../hooks/useNow';
import { formatDuration } from '../lib/format';

const WORDS = { live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

function explain(status: StreamStatus, now: number): string {
  if (status.state === 'live') return 'Live updates are streaming from the api.';
  const retry =
    status.retryAt === null
      ? 'Connecting…'
      : `Next attempt in ${formatDuration(Math.max(0, (status.retryAt - now) / 1000))}.`;
  const lead =
    status.state === 'offline'
      ? `No live updates after ${status.failures} attempts; pages refresh by polling.`
      : 'Live updates interrupted.';
  return `${lead} ${retry}`;
}

export function ConnectionIndicator({ status }: { status: StreamStatus }) {
  const now = useNow();
  return (
    <span
      className={`conn conn-${status.state}`}
      role="status"
      aria-live="polite"
      title={explain(status, now)}
    >
      <span className="conn-dot" aria-hidden="true" />
      {WORDS[status.state]}
    </span>
  );
}
