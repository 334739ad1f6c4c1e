import type { GroupHistory } from '@eventscope/shared';
import { TimeChart, type Threshold } from '../../components/charts/TimeChart';
import { formatCount, formatDuration, formatExact } from '../../lib/format';
import { LAG_SECONDS_THRESHOLD } from '../../lib/thresholds';
import { lagRows } from './history';

const DEFAULT_THRESHOLD: Threshold = { value: LAG_SECONDS_THRESHOLD, label: 'alert ≥ 60 s' };

/**
 * Lag seconds over lag messages, sharing the time axis and the hover crosshair. `threshold` is
 * the applicable alert rule's line (null: no rule applies; absent: the default rule's).
 */
export function LagCharts({
  history,
  syncId,
  threshold = DEFAULT_THRESHOLD,
}: {
  history: GroupHistory;
  syncId: string;
  threshold?: Threshold | null;
}) {
  const rows = lagRows(history.points);
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  const known = rows.some((r) => r.lagSeconds !== null || r.lagMessages !== null);
  return (
    <div className="charts">
      {known ? null : (
        <p className="muted chart-note">
          No samples in this window yet: lag is unknown here, so nothing is drawn.
        </p>
      )}
      <TimeChart
        title="Lag (time)"
        data={rows}
        series={[{ key: 'lagSeconds', name: 'Lag', color: 'var(--series-1)' }]}
        from={from}
        to={to}
        syncId={syncId}
        formatY={(v) => formatDuration(v)}
        formatExact={(v) => `${formatExact(v)} s`}
        threshold={threshold ?? undefined}
      />
      <TimeChart
        title="Lag (messages)"
        data={rows}
        series={[{ key: 'lagMessages', name: 'Lag', color: 'var(--series-2)' }]}
        from={from}
        to={to}
        syncId={syncId}
        formatY={(v) => formatCount(v)}
        formatExact={(v) => `${formatExact(v)} messages`}
      />
    </div>
  );
}
