import type { Timeline } from '@eventscope/shared';
import { useCallback, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { Gantt } from '../../components/timeline/Gantt';
import { KINDS } from '../../components/timeline/kinds';
import { layoutTimeline } from '../../components/timeline/layout';
import { SpanDrawer } from '../../components/timeline/SpanDrawer';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useTimeline } from '../../hooks/useTraces';
import '../../styles/timeline.css';
import './traces.css';
import { TimelineHeader } from './TimelineHeader';
import { useTimelineParams } from './url';

function Legend() {
  return (
    <ul className="tl-legend" aria-label="Legend">
      {(['producer', 'consumer', 'internal'] as const).map((k) => (
        <li key={k}>
          <span className={`tl-legend-bar kind-${k}`} aria-hidden="true" /> {KINDS[k].glyph}{' '}
          {KINDS[k].word}
        </li>
      ))}
      <li>
        <span className="tl-legend-wait" aria-hidden="true" /> queue wait
      </li>
      <li>
        <span className="tl-legend-bar tl-legend-dlq" aria-hidden="true" /> DLQ detour
      </li>
      <li>
        <span className="tl-legend-bar tl-legend-replay" aria-hidden="true" /> replay
      </li>
      <li>
        <span className="tl-legend-bar tl-legend-error" aria-hidden="true" /> ✕ error
      </li>
      <li>⇠ link (click to jump)</li>
    </ul>
  );
}

function TimelineView({ timeline }: { timeline: Timeline }) {
  const layout = useMemo(() => layoutTimeline(timeline), [timeline]);
  const { span, setSpan, critical, setCritical } = useTimelineParams();
  const openRow = span ? layout.rows[layout.rowOfSpan.get(span) ?? -1] : undefined;
  const close = useCallback(() => setSpan(null), [setSpan]);
  const jump = useCallback((id: string) => setSpan(id), [setSpan]);

  return (
    <>
      <TimelineHeader timeline={timeline} layout={layout} onShowSpan={jump} />
      <div className="tl-toolbar">
        <button
          type="button"
          className="btn"
          aria-pressed={critical}
          onClick={() => setCritical(!critical)}
          disabled={timeline.criticalPath.length === 0}
          title="Highlight the spans that decided the total time and dim the rest"
        >
          {critical ? '◆ Critical path on' : '◇ Critical path'}
        </button>
        <Legend />
      </div>
      <div className={openRow?.type === 'span' ? 'tl-body has-drawer' : 'tl-body'}>
        <Gantt layout={layout} selected={span} onOpen={setSpan} critical={critical} />
        {openRow?.type === 'span' ? (
          <SpanDrawer row={openRow} onClose={close} onJump={jump} />
        ) : null}
      </div>
    </>
  );
}

export default function TimelinePage() {
  const { id = '' } = useParams();
  const back = `/traces${globalSearch(useLocation().search)}`;
  const timeline = useTimeline(id);

  let body;
  // Data first: a failed background refetch keeps the timeline on screen.
  if (timeline.data) body = <TimelineView timeline={timeline.data} />;
  else if (timeline.isError) {
    body =
      toApiError(timeline.error).status === 404 ? (
        <EmptyState title={`No trace or correlation id “${id}”`}>
          Nothing in the span store matches it. Trace ids are 32 hex digits; correlation ids come
          from a correlation-id header or <code>messaging.message.conversation_id</code>. Spans
          older than the retention are gone. <Link to={back}>Search traces</Link>
        </EmptyState>
      ) : (
        <ErrorState
          title="Could not load the timeline"
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        />
      );
  } else {
    body = (
      <div aria-busy="true" aria-label="Loading the timeline">
        <Skeleton className="skeleton-line" />
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} className="tl-skeleton-row" />
        ))}
      </div>
    );
  }

  return (
    <>
      <p className="crumbs">
        <Link to={back}>Traces</Link> /
      </p>
      <h1 className="page-title">
        Timeline <span className="mono tl-id">{id}</span>
      </h1>
      {body}
    </>
  );
}
