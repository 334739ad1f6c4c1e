import { formatDuration, formatExact } from '../lib/format';

/**
 * Lag in seconds, the number users alert on. "≥" marks a lower bound: the lag is older than
 * the collector's offset history, so it is at least this and possibly much more.
 */
export function LagSeconds({ value, lowerBound }: { value: number | null; lowerBound: boolean }) {
  if (value === null) {
    return (
      <span className="num" title="unknown">
        —
      </span>
    );
  }
  const bound = lowerBound ? '≥ ' : '';
  const title = `${lowerBound ? 'at least ' : ''}${formatExact(value)} s`;
  return (
    <span className="num" title={title}>
      {bound}
      {formatDuration(value)}
    </span>
  );
}
