import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { GROUP_LIST_LIMIT, useGroupList } from '../../hooks/useConsumerGroups';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { formatExact } from '../../lib/format';
import { GroupFilters } from './GroupFilters';
import { GroupsTable } from './GroupsTable';
import { useGroupsParams } from './url';

export default function ConsumerGroupsPage() {
  const { cluster } = useGlobalParams();
  const { view, setQ, toggleStatus, setSort } = useGroupsParams();
  const list = useGroupList({ cluster, ...view, limit: GROUP_LIST_LIMIT });
  const filtered = view.q.trim() !== '' || view.status.length > 0;

  let body;
  if (list.isPending) body = <TableSkeleton label="Loading consumer groups" />;
  else if (list.isError && !list.data) {
    body = (
      <ErrorState
        title="Cannot load consumer groups"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  } else if (list.data.items.length === 0) {
    body = filtered ? (
      <EmptyState title="No groups match these filters">
        Clear the text or the status chips to see every group.
      </EmptyState>
    ) : (
      <EmptyState title="No consumer groups yet">
        Every consumer group on {cluster ? <code>{cluster}</code> : 'the watched clusters'} appears
        here after the next sample, with its status, lag in seconds and messages, and members —
        worst first. Groups appear once they have committed an offset or have members.
      </EmptyState>
    );
  } else {
    const { items, total } = list.data;
    body = (
      <>
        <p className="table-count muted" aria-live="polite">
          {items.length < total
            ? `${formatExact(items.length)} of ${formatExact(total)} groups (narrow the filter to see the rest)`
            : `${formatExact(total)} ${total === 1 ? 'group' : 'groups'}`}
        </p>
        <GroupsTable groups={items} view={view} onSort={setSort} />
      </>
    );
  }

  return (
    <>
      <h1 className="page-title">Consumer groups</h1>
      <GroupFilters q={view.q} status={view.status} onQ={setQ} onToggleStatus={toggleStatus} />
      {body}
    </>
  );
}
