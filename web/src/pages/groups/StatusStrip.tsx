import { formatLocalIso } from '../../lib/format';
import { statusInfo } from '../../lib/status';
import { statusSegments } from './history';
import type { GroupHistory } from '@eventscope/shared';

/**
 * The group's status over the window: one band per run of equal status, with its colour and
 * its word (colour is never the only signal). Steps without a sample are striped UNKNOWN.
 */
export function StatusStrip({ history }: { history: GroupHistory }) {
  const segments = statusSegments(history.points);
  if (segments.length === 0) return null;
  return (
    <figure className="chart">
      <figcaption className="chart-title">Status over time</figcaption>
      <ol className="strip" aria-label="Status history">
        {segments.map((s) => {
          const info = statusInfo(s.status);
          const until = s.to ? formatLocalIso(s.to) : 'now';
          return (
            <li
              key={s.from}
              className={`strip-seg role-${info.role}`}
              style={{ flexGrow: s.steps }}
              title={`${info.word} (${info.tooltip}): ${formatLocalIso(s.from)} → ${until}`}
            >
              <span className="strip-word">{info.word}</span>
            </li>
          );
        })}
      </ol>
      <div className="strip-axis muted num">
        <span>{formatLocalIso(history.from)}</span>
        <span>{formatLocalIso(history.to)}</span>
      </div>
    </figure>
  );
}
