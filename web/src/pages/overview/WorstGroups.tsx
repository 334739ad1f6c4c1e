import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LagSeconds } from '../../components/LagSeconds';
import { Num } from '../../components/Num';
import { TableSkeleton } from '../../components/Skeleton';
import { StatusBadge } from '../../components/StatusBadge';
import { useGroupList } from '../../hooks/useConsumerGroups';
import { globalSearch } from '../../hooks/useGlobalParams';
import { groupHref } from '../../lib/links';
import { GroupSparkline } from './GroupSparkline';

export const WORST_GROUPS = 10;

/** The ten groups furthest behind in time, the number users alert on. */
export function WorstGroups({ cluster }: { cluster: string | null }) {
  const search = globalSearch(useLocation().search);
  const list = useGroupList({
    cluster,
    status: [],
    q: '',
    sort: 'lagSeconds',
    order: 'desc',
    limit: WORST_GROUPS,
  });
  if (list.isPending) return <TableSkeleton rows={5} label="Loading worst groups" />;
  if (list.isError && !list.data) {
    return (
      <ErrorState
        title="Cannot load consumer groups"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const items = list.data.items;
  if (items.length === 0) {
    return (
      <EmptyState title="No consumer groups yet">
        Groups appear here after the next sample, worst lag in seconds first.
      </EmptyState>
    );
  }
  return (
    <table className="table" aria-label="Worst groups by lag seconds">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Group</th>
          <th scope="col">Cluster</th>
          <th scope="col" className="cell-num">
            Lag (time)
          </th>
          <th scope="col" className="cell-num">
            Lag (messages)
          </th>
          <th scope="col">Last hour</th>
        </tr>
      </thead>
      <tbody>
        {items.map((g) => (
          <tr key={`${g.cluster}\n${g.group}`}>
            <td>
              <StatusBadge status={g.status} title={g.statusReason} />
            </td>
            <td className="cell-name">
              <Link className="mono" to={`${groupHref(g.cluster, g.group)}${search}`}>
                {g.group}
              </Link>
            </td>
            <td className="mono">{g.cluster}</td>
            <td className="cell-num">
              <LagSeconds value={g.lagSeconds} lowerBound={g.lagSecondsIsLowerBound} />
            </td>
            <td className="cell-num">
              <Num value={g.lagMessages} />
            </td>
            <td>
              <GroupSparkline cluster={g.cluster} group={g.group} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
