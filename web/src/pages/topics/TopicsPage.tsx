import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FilterInput } from '../../components/FilterInput';
import { TableSkeleton } from '../../components/Skeleton';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { useTopicList } from '../../hooks/useTopics';
import { formatExact } from '../../lib/format';
import { TopicsTable } from './TopicsTable';
import { useTopicsParams } from './url';

export default function TopicsPage() {
  const { cluster } = useGlobalParams();
  const { q, setQ } = useTopicsParams();
  const topics = useTopicList(cluster, q);

  let body;
  if (topics.isPending) body = <TableSkeleton label="Loading topics" />;
  else if (topics.isError && !topics.data) {
    body = (
      <ErrorState
        title="Cannot load topics"
        error={topics.error}
        onRetry={() => void topics.refetch()}
      />
    );
  } else if (topics.data.length === 0) {
    body = q.trim() ? (
      <EmptyState title={`No topics match “${q.trim()}”`}>
        Clear the filter to see every topic.
      </EmptyState>
    ) : (
      <EmptyState title="No topics yet">
        Topics on {cluster ? <code>{cluster}</code> : 'the watched clusters'} appear here after the
        next sample, with partitions, throughput and event size (p50/p95/p99/max). Internal topics (
        <code>__consumer_offsets</code>) are left out.
      </EmptyState>
    );
  } else {
    const n = topics.data.length;
    body = (
      <>
        <p className="table-count muted">
          {formatExact(n)} {n === 1 ? 'topic' : 'topics'}
        </p>
        <TopicsTable topics={topics.data} />
      </>
    );
  }

  return (
    <>
      <h1 className="page-title">Topics</h1>
      <div className="filters">
        <FilterInput
          value={q}
          onChange={setQ}
          label="Filter topics"
          placeholder="Filter topics  ( / )"
        />
      </div>
      {body}
    </>
  );
}
