import type { DlqStats } from '@eventscope/shared';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Num } from '../../components/Num';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { topErrorClass } from '../../hooks/useDlqs';
import { globalSearch } from '../../hooks/useGlobalParams';
import { dlqHref } from '../../lib/links';
import { Discovery, Inflow, SourceTopics } from './DlqCells';

const key = (d: DlqStats) => `${d.cluster}\n${d.topic}`;

/** Rows arrive sorted (non-empty first); each opens the DLQ's detail page. */
export function DlqsTable({ dlqs }: { dlqs: readonly DlqStats[] }) {
  const navigate = useNavigate();
  const search = globalSearch(useLocation().search);
  const href = (d: DlqStats) => `${dlqHref(d.cluster, d.topic)}${search}`;

  const columns: Column<DlqStats>[] = [
    {
      key: 'topic',
      header: 'DLQ',
      className: 'cell-name',
      render: (d) => (
        <Link to={href(d)} className="mono" title={d.topic}>
          {d.topic}
        </Link>
      ),
    },
    { key: 'cluster', header: 'Cluster', render: (d) => <span className="mono">{d.cluster}</span> },
    { key: 'depth', header: 'Depth', numeric: true, render: (d) => <Num value={d.depth} /> },
    {
      key: 'inflow',
      header: 'Inflow',
      numeric: true,
      render: (d) => <Inflow value={d.inflowPerMinute} />,
    },
    {
      key: 'oldest',
      header: 'Oldest',
      numeric: true,
      render: (d) => <Num value={d.oldestAgeSeconds} kind="seconds" />,
    },
    {
      key: 'sources',
      header: 'Source topics',
      render: (d) => <SourceTopics dlq={d} search={search} />,
    },
    { key: 'found', header: 'Found by', render: (d) => <Discovery by={d.discoveredBy} /> },
    {
      key: 'error',
      header: 'Top error class',
      className: 'cell-name',
      render: (d) => {
        const top = topErrorClass(d);
        if (!top) return <span className="muted">—</span>;
        return (
          <span title={`${top.class}: ${top.count.toLocaleString('en-US')} dead letters`}>
            <span className="mono">{top.class}</span>{' '}
            <span className="muted num">×{top.count}</span>
          </span>
        );
      },
    },
  ];

  return (
    <VirtualTable
      label="DLQs"
      rows={dlqs}
      columns={columns}
      rowKey={key}
      onOpen={(d) => void navigate(href(d))}
    />
  );
}
