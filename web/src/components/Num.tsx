import {
  formatBytes,
  formatCount,
  formatDuration,
  formatDurationMs,
  formatExact,
} from '../lib/format';

const FORMATS = {
  count: formatCount,
  bytes: formatBytes,
  seconds: formatDuration,
  ms: formatDurationMs,
} as const;

const UNITS = { count: '', bytes: ' bytes', seconds: ' s', ms: ' ms' } as const;

/** A human number in tabular numerals with the exact value on hover; null shows "—". */
export function Num({
  value,
  kind = 'count',
}: {
  value: number | null;
  kind?: keyof typeof FORMATS;
}) {
  const title = value === null ? 'unknown' : `${formatExact(value)}${UNITS[kind]}`;
  return (
    <span className="num" title={title}>
      {FORMATS[kind](value)}
    </span>
  );
}
