import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../ErrorState';
import { Skeleton } from '../Skeleton';

/**
 * The loading and error states every history chart section shares; renders `children` with
 * the data once it is there (stale data stays on screen while a refetch fails).
 */
export function HistoryGate<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div className="charts" aria-busy="true" aria-label={`Loading ${what}`}>
        <Skeleton className="skeleton-chart" />
        <Skeleton className="skeleton-chart" />
      </div>
    );
  }
  if (query.isError && !query.data) {
    return (
      <ErrorState
        title={`Cannot load ${what}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <>{query.data === undefined ? null : children(query.data)}</>;
}
