import type { TopicSummary } from '@eventscope/shared';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Num } from '../../components/Num';
import { Rate } from '../../components/Rate';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { globalSearch } from '../../hooks/useGlobalParams';
import { dlqHref, topicHref } from '../../lib/links';
import { SIZE_P95_THRESHOLD } from '../../lib/thresholds';

const key = (t: TopicSummary) => `${t.cluster}\n${t.topic}`;

export function TopicsTable({ topics }: { topics: readonly TopicSummary[] }) {
  const navigate = useNavigate();
  const search = globalSearch(useLocation().search);
  const href = (t: TopicSummary) => `${topicHref(t.cluster, t.topic)}${search}`;

  const size = (label: string, pick: (s: NonNullable<TopicSummary['size']>) => number) => ({
    key: label,
    header: label,
    numeric: true,
    render: (t: TopicSummary) => <Num value={t.size ? pick(t.size) : null} kind="bytes" />,
  });
  const p95 = {
    ...size('p95', (s) => s.p95),
    // Over the default event-size alert: say so in words too, not only in colour.
    render: (t: TopicSummary) =>
      t.size && t.size.p95 >= SIZE_P95_THRESHOLD ? (
        <span className="text-crit" title="p95 is at or above the 1 MiB alert">
          ▲ <Num value={t.size.p95} kind="bytes" />
        </span>
      ) : (
        <Num value={t.size ? t.size.p95 : null} kind="bytes" />
      ),
  };

  const columns: Column<TopicSummary>[] = [
    { key: 'cluster', header: 'Cluster', render: (t) => <span className="mono">{t.cluster}</span> },
    {
      key: 'topic',
      header: 'Topic',
      className: 'cell-name',
      render: (t) => (
        <>
          <Link to={href(t)} className="mono" title={t.topic}>
            {t.topic}
          </Link>
          {t.isDlq ? <span className="badge badge-tag">DLQ</span> : null}
        </>
      ),
    },
    {
      key: 'partitions',
      header: 'Partitions',
      numeric: true,
      render: (t) => <Num value={t.partitions} />,
    },
    {
      key: 'mps',
      header: 'Messages',
      numeric: true,
      render: (t) => <Rate value={t.messagesPerSecond} />,
    },
    {
      key: 'bps',
      header: 'Bytes',
      numeric: true,
      render: (t) => <Rate value={t.bytesPerSecond} kind="bytes" />,
    },
    size('Size p50', (s) => s.p50),
    p95,
    size('p99', (s) => s.p99),
    size('max', (s) => s.max),
    {
      key: 'dlqs',
      header: 'DLQs',
      render: (t) =>
        t.dlqs.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span className="link-list">
            {t.dlqs.map((d) => (
              <Link key={d} className="mono" to={`${dlqHref(t.cluster, d)}${search}`}>
                {d}
              </Link>
            ))}
          </span>
        ),
    },
    {
      key: 'groups',
      header: 'Groups',
      numeric: true,
      render: (t) => (
        <span title={t.consumerGroups.join('\n') || 'no consumer groups'}>
          <Num value={t.consumerGroups.length} />
        </span>
      ),
    },
  ];

  return (
    <VirtualTable
      label="Topics"
      rows={topics}
      columns={columns}
      rowKey={key}
      onOpen={(t) => void navigate(href(t))}
    />
  );
}
