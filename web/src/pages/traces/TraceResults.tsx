import type { TraceSummary } from '@eventscope/shared';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { globalSearch } from '../../hooks/useGlobalParams';
import { traceHref } from './url';

function columns(search: string): Column<TraceSummary>[] {
  return [
    { key: 'started', header: 'Started', render: (t) => <RelativeTime at={t.startedAt} /> },
    {
      key: 'duration',
      header: 'Duration',
      numeric: true,
      render: (t) => <Num value={t.durationMs} kind="ms" />,
    },
    {
      key: 'services',
      header: 'Services',
      render: (t) => (
        <span className="svc-chips">
          {t.services.map((s) => (
            <span key={s} className="svc-chip">
              {s}
            </span>
          ))}
        </span>
      ),
    },
    { key: 'spans', header: 'Spans', numeric: true, render: (t) => <Num value={t.spanCount} /> },
    {
      key: 'status',
      header: 'Status',
      render: (t) =>
        t.hasError ? (
          <span className="badge role-crit" title="At least one span ended with an error">
            error
          </span>
        ) : (
          <span className="badge role-ok" title="No span reported an error">
            ok
          </span>
        ),
    },
    {
      key: 'correlation',
      header: 'Correlation ids',
      className: 'mono cell-clip',
      render: (t) =>
        t.correlationIds.length > 0 ? (
          <span title={t.correlationIds.join('\n')}>{t.correlationIds.join(', ')}</span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'trace',
      header: 'Trace id',
      className: 'mono',
      render: (t) => (
        <Link to={traceHref(t.traceId, search)} title={t.traceId}>
          {t.traceId.slice(0, 12)}…
        </Link>
      ),
    },
  ];
}

/** Newest first; a row (click, or arrows + Enter) opens the timeline. */
export function TraceResults({ traces }: { traces: TraceSummary[] }) {
  const navigate = useNavigate();
  const search = globalSearch(useLocation().search);
  return (
    <VirtualTable
      label="Traces"
      rows={traces}
      columns={columns(search)}
      rowKey={(t) => t.traceId}
      onOpen={(t) => void navigate(traceHref(t.traceId, search))}
    />
  );
}
