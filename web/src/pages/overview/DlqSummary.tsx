import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Num } from '../../components/Num';
import { TableSkeleton } from '../../components/Skeleton';
import { byDepth, useDlqs } from '../../hooks/useDlqs';
import { globalSearch } from '../../hooks/useGlobalParams';
import { dlqHref, topicHref } from '../../lib/links';

const SHOWN = 10;

/** Dead-letter topics, the ones holding dead letters first. */
export function DlqSummary({ cluster }: { cluster: string | null }) {
  const search = globalSearch(useLocation().search);
  const dlqs = useDlqs(cluster);
  if (dlqs.isPending) return <TableSkeleton rows={3} label="Loading DLQs" />;
  if (dlqs.isError && !dlqs.data) {
    return (
      <ErrorState title="Cannot load DLQs" error={dlqs.error} onRetry={() => void dlqs.refetch()} />
    );
  }
  if (dlqs.data.length === 0) {
    return (
      <EmptyState title="No DLQs found">
        Topics named <code>*-dlt</code>, <code>*.DLT</code>, <code>*.DLQ</code>, <code>*-dlq</code>,{' '}
        <code>dlq-*</code> or carrying dead-letter headers appear here with depth, inflow and oldest
        age.
      </EmptyState>
    );
  }
  const sorted = [...dlqs.data].sort(byDepth);
  const shown = sorted.slice(0, SHOWN);
  return (
    <>
      <table className="table" aria-label="DLQs">
        <thead>
          <tr>
            <th scope="col">DLQ</th>
            <th scope="col">Cluster</th>
            <th scope="col" className="cell-num">
              Depth
            </th>
            <th scope="col" className="cell-num">
              Inflow
            </th>
            <th scope="col" className="cell-num">
              Oldest
            </th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={`${d.cluster}\n${d.topic}`} className={d.depth ? 'row-attention' : undefined}>
              <td className="cell-name">
                <Link className="mono" to={`${dlqHref(d.cluster, d.topic)}${search}`}>
                  {d.topic}
                </Link>
              </td>
              <td className="mono">{d.cluster}</td>
              <td className="cell-num">
                <Num value={d.depth} />
              </td>
              <td className="cell-num">
                <Num value={d.inflowPerMinute} />
                {d.inflowPerMinute === null ? null : <span className="muted num">/min</span>}
              </td>
              <td className="cell-num">
                <Num value={d.oldestAgeSeconds} kind="seconds" />
              </td>
              <td>
                <span className="link-list">
                  {d.sourceTopics.map((t) => (
                    <Link key={t} className="mono" to={`${topicHref(d.cluster, t)}${search}`}>
                      {t}
                    </Link>
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN ? (
        <p className="table-foot">
          <Link to={`/dlqs${search}`}>All {sorted.length} DLQs</Link>
        </p>
      ) : null}
    </>
  );
}
