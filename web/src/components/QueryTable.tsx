import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from './ErrorState';
import { TableSkeleton } from './Skeleton';

/**
 * The states every list section shows for its query: a skeleton that keeps the layout still,
 * an error with a retry (only when there is nothing to show), what to show when it is empty,
 * else the rows.
 */
export function QueryTable<T>({
  query,
  loading,
  error,
  empty,
  children,
}: {
  query: UseQueryResult<readonly T[]>;
  /** Accessible name of the skeleton, e.g. "Loading replays". */
  loading: string;
  /** What failed, in the user's words: "Cannot load replays". */
  error: string;
  empty: ReactNode;
  children: (rows: readonly T[]) => ReactNode;
}) {
  if (query.isPending) return <TableSkeleton rows={3} label={loading} />;
  if (query.isError && !query.data)
    return <ErrorState title={error} error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
