import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { globalSearch, useGlobalParams } from '../../hooks/useGlobalParams';
import { traceSearchQuery, useTraceSearch, type TraceFilters } from '../../hooks/useTraces';
import { formatExact } from '../../lib/format';
import { rangePhrase } from '../../lib/timeRange';
import './traces.css';
import { TraceResults } from './TraceResults';
import { TraceSearchForm } from './TraceSearchForm';
import { hasFilters, traceHref, useTraceSearchParams } from './url';

function HowTracesArrive() {
  return (
    <>
      Traces arrive over OTLP/HTTP at <code>/v1/traces</code>, and hop spans from broker records
      carrying <code>traceparent</code> or a correlation-id header.
    </>
  );
}

function Results({ filters, rangeLabel }: { filters: TraceFilters; rangeLabel: string }) {
  const { range } = useGlobalParams();
  const traces = useTraceSearch(filters, range);
  if (traces.isPending) {
    return (
      <div className="skeleton-rows" aria-busy="true" aria-label="Searching traces">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="skeleton-row" />
        ))}
      </div>
    );
  }
  if (traces.isError && !traces.data) {
    return (
      <ErrorState
        title="Could not search traces"
        error={traces.error}
        onRetry={() => void traces.refetch()}
      />
    );
  }
  const n = traces.data.length;
  if (n === 0) {
    return hasFilters(filters) ? (
      <EmptyState title={`No traces match these filters in ${rangeLabel}`}>
        Widen the time range at the top or clear a filter. <HowTracesArrive />
      </EmptyState>
    ) : (
      <EmptyState title={`No traces in ${rangeLabel}`}>
        <HowTracesArrive />
      </EmptyState>
    );
  }
  return (
    <>
      <p className="table-count muted">
        {formatExact(n)} {n === 1 ? 'trace' : 'traces'}, newest first
      </p>
      <TraceResults traces={traces.data} />
    </>
  );
}

export default function TracesPage() {
  const { filters, setFilters } = useTraceSearchParams();
  const { range } = useGlobalParams();
  const rangeLabel = rangePhrase(range);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  const apply = (next: TraceFilters) => {
    setFilters(next);
    if (next.id === '') return;
    // An id that matches exactly one trace opens it: that is what the user came for.
    // The list's own query shares this cache entry, so nothing is asked twice.
    queryClient
      .fetchQuery(traceSearchQuery(next, range))
      .then((found) => {
        const only = found.length === 1 ? found[0] : undefined;
        if (only) void navigate(traceHref(only.traceId, globalSearch(location.search)));
      })
      // The list shows the failure with a retry; nothing to add here.
      .catch(() => undefined);
  };

  return (
    <>
      <h1 className="page-title">Traces</h1>
      <TraceSearchForm
        key={JSON.stringify(filters)}
        filters={filters}
        rangeLabel={rangeLabel}
        onApply={apply}
      />
      <Results filters={filters} rangeLabel={rangeLabel} />
    </>
  );
}
