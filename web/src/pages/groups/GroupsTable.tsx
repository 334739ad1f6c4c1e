import type { GroupSummary } from '@eventscope/shared';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { LagSeconds } from '../../components/LagSeconds';
import { Num } from '../../components/Num';
import { StatusBadge } from '../../components/StatusBadge';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import type { GroupSort } from '../../hooks/useConsumerGroups';
import { globalSearch } from '../../hooks/useGlobalParams';
import { groupHref } from '../../lib/links';
import type { GroupsView } from './url';

function TopicsCell({ topics }: { topics: string[] }) {
  if (topics.length === 0) return <span className="muted">—</span>;
  const [first] = topics;
  return (
    <span className="mono" title={topics.join('\n')}>
      {first}
      {topics.length > 1 ? <span className="muted"> +{topics.length - 1}</span> : null}
    </span>
  );
}

const key = (g: GroupSummary) => `${g.cluster}\n${g.group}`;

interface GroupsTableProps {
  groups: readonly GroupSummary[];
  view: GroupsView;
  onSort: (key: GroupSort) => void;
}

/** Every consumer group in one virtualised table; a row (click or Enter) opens its detail. */
export function GroupsTable({ groups, view, onSort }: GroupsTableProps) {
  const navigate = useNavigate();
  const search = globalSearch(useLocation().search);
  const href = (g: GroupSummary) => `${groupHref(g.cluster, g.group)}${search}`;

  const columns: Column<GroupSummary>[] = [
    { key: 'cluster', header: 'Cluster', render: (g) => <span className="mono">{g.cluster}</span> },
    {
      key: 'group',
      header: 'Group',
      sortKey: 'group',
      className: 'cell-name',
      render: (g) => (
        <Link to={href(g)} className="mono" title={g.group}>
          {g.group}
        </Link>
      ),
    },
    { key: 'state', header: 'State', render: (g) => <span className="muted">{g.state}</span> },
    {
      key: 'status',
      header: 'Status',
      sortKey: 'status',
      render: (g) => <StatusBadge status={g.status} title={g.statusReason} />,
    },
    {
      key: 'members',
      header: 'Members',
      sortKey: 'members',
      numeric: true,
      render: (g) => <Num value={g.members} />,
    },
    { key: 'topics', header: 'Topics', render: (g) => <TopicsCell topics={g.topics} /> },
    {
      key: 'lagSeconds',
      header: 'Lag (time)',
      sortKey: 'lagSeconds',
      numeric: true,
      render: (g) => <LagSeconds value={g.lagSeconds} lowerBound={g.lagSecondsIsLowerBound} />,
    },
    {
      key: 'lagMessages',
      header: 'Lag (messages)',
      sortKey: 'lagMessages',
      numeric: true,
      render: (g) => <Num value={g.lagMessages} />,
    },
  ];

  return (
    <VirtualTable
      label="Consumer groups"
      rows={groups}
      columns={columns}
      rowKey={key}
      onOpen={(g) => void navigate(href(g))}
      sort={{
        key: view.sort,
        order: view.order,
        onSort: (k) => onSort(k as GroupSort),
      }}
    />
  );
}
