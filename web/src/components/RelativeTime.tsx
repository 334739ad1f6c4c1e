import { useNow } from '../hooks/useNow';
import { formatRelative, formatTimeTitle } from '../lib/format';

/** "4 m ago", with local and UTC absolute times on hover. */
export function RelativeTime({ at }: { at: string | null }) {
  const now = useNow();
  if (at === null) return <span title="unknown">—</span>;
  return (
    <time dateTime={at} title={formatTimeTitle(at)} className="num">
      {formatRelative(at, now)}
    </time>
  );
}
