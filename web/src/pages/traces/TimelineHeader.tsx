import type { Timeline } from '@eventscope/shared';
import type { TimelineLayout } from '../../components/timeline/layout';
import { formatSpanMs } from '../../components/timeline/ticks';
import { formatExact } from '../../lib/format';

interface TimelineHeaderProps {
  timeline: Timeline;
  layout: TimelineLayout;
  onShowSpan: (spanId: string) => void;
}

/** What happened, how long, where it failed — before the bars. */
export function TimelineHeader({ timeline, layout, onShowSpan }: TimelineHeaderProps) {
  const serviceOf = new Map(timeline.spans.map((s) => [s.spanId, s.service]));
  const errors = layout.errorCount;
  return (
    <>
      <dl className="summary-facts tl-facts">
        <div>
          <dt>Correlation {timeline.correlationIds.length === 1 ? 'id' : 'ids'}</dt>
          <dd className="mono">
            {timeline.correlationIds.length > 0 ? timeline.correlationIds.join(', ') : '—'}
          </dd>
        </div>
        <div>
          <dt>Total time</dt>
          <dd className="num" title={`${formatExact(timeline.durationMs)} ms`}>
            {formatSpanMs(timeline.durationMs)}
          </dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>
            {errors > 0 ? (
              <span className="badge role-crit">
                {errors} {errors === 1 ? 'error' : 'errors'}
              </span>
            ) : (
              <span className="badge role-ok">no errors</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd className="num">{formatExact(timeline.spans.length)}</dd>
        </div>
        <div>
          <dt>
            {timeline.traceIds.length === 1 ? 'Trace' : `Traces (${timeline.traceIds.length})`}
          </dt>
          <dd className="mono tl-trace-ids" title={timeline.traceIds.join('\n')}>
            {timeline.traceIds.join(', ')}
          </dd>
        </div>
        <div className="summary-wide">
          <dt>Services</dt>
          <dd className="svc-chips">
            {layout.services.map((s) => (
              <span key={s} className="svc-chip">
                {s}
              </span>
            ))}
          </dd>
        </div>
      </dl>
      {timeline.truncated ? (
        <p className="banner banner-warn" role="status">
          Truncated: the trace reached the gathering bounds, so some spans or linked traces are
          missing from this timeline.
        </p>
      ) : null}
      {timeline.corrections.length > 0 ? (
        <div className="banner banner-warn tl-corrections">
          <p className="tl-corrections-title">
            Clock skew corrected on {timeline.corrections.length}{' '}
            {timeline.corrections.length === 1 ? 'span' : 'spans'}
          </p>
          <ul>
            {timeline.corrections.map((c) => (
              <li key={c.spanId}>
                {serviceOf.get(c.spanId) ?? c.spanId} span shifted +{formatSpanMs(c.shiftedByMs)}:{' '}
                {c.reason}{' '}
                <button
                  type="button"
                  className="btn btn-quiet"
                  onClick={() => onShowSpan(c.spanId)}
                >
                  Show span
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
