import { useMemo } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { byDepth, useDlqs } from '../../hooks/useDlqs';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { formatExact } from '../../lib/format';
import { NoDlqs } from './DlqCells';
import { DlqsTable } from './DlqsTable';

export default function DlqsPage() {
  const { cluster } = useGlobalParams();
  const dlqs = useDlqs(cluster);
  const sorted = useMemo(() => (dlqs.data ? [...dlqs.data].sort(byDepth) : []), [dlqs.data]);

  let body;
  if (dlqs.isPending) body = <TableSkeleton label="Loading DLQs" />;
  else if (dlqs.isError && !dlqs.data) {
    body = (
      <ErrorState title="Cannot load DLQs" error={dlqs.error} onRetry={() => void dlqs.refetch()} />
    );
  } else if (sorted.length === 0) {
    body = (
      <EmptyState title="No DLQs found">
        <NoDlqs />
      </EmptyState>
    );
  } else {
    const n = sorted.length;
    const holding = sorted.filter((d) => d.depth !== null && d.depth > 0).length;
    body = (
      <>
        <p className="table-count muted">
          {formatExact(n)} {n === 1 ? 'DLQ' : 'DLQs'}, {formatExact(holding)} holding dead letters
        </p>
        <DlqsTable dlqs={sorted} />
      </>
    );
  }

  return (
    <>
      <h1 className="page-title">DLQs</h1>
      {body}
    </>
  );
}
