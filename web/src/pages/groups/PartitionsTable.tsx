import type { PartitionLag } from '@eventscope/shared';
import { Link, useLocation } from 'react-router-dom';
import { LagSeconds } from '../../components/LagSeconds';
import { Num } from '../../components/Num';
import { globalSearch } from '../../hooks/useGlobalParams';
import { topicHref } from '../../lib/links';

/** Offsets are int64 decimal strings: shown as they are, never through a JS number. */
function Offset({ value, unknown }: { value: string | null; unknown: string }) {
  if (value === null) {
    return (
      <span className="num muted" title={unknown}>
        —
      </span>
    );
  }
  return <span className="num">{value}</span>;
}

function byTopicPartition(a: PartitionLag, b: PartitionLag) {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition;
}

export function PartitionsTable({
  cluster,
  partitions,
}: {
  cluster: string;
  partitions: PartitionLag[];
}) {
  const search = globalSearch(useLocation().search);
  return (
    <table className="table" aria-label="Partitions">
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <th scope="col" className="cell-num">
            Partition
          </th>
          <th scope="col" className="cell-num">
            Committed
          </th>
          <th scope="col" className="cell-num">
            End
          </th>
          <th scope="col" className="cell-num">
            Lag (time)
          </th>
          <th scope="col" className="cell-num">
            Lag (messages)
          </th>
          <th scope="col">Member</th>
        </tr>
      </thead>
      <tbody>
        {[...partitions].sort(byTopicPartition).map((p) => (
          <tr key={`${p.topic}:${p.partition}`}>
            <td>
              <Link className="mono" to={`${topicHref(cluster, p.topic)}${search}`}>
                {p.topic}
              </Link>
            </td>
            <td className="cell-num num">{p.partition}</td>
            <td className="cell-num">
              <Offset value={p.committedOffset} unknown="no committed offset" />
            </td>
            <td className="cell-num">
              <Offset value={p.endOffset} unknown="end offset unknown this sample" />
            </td>
            <td className="cell-num">
              <LagSeconds value={p.lagSeconds} lowerBound={p.lagSecondsIsLowerBound} />
            </td>
            <td className="cell-num">
              <Num value={p.lagMessages} />
            </td>
            <td className="mono" title={p.memberId ?? 'unassigned'}>
              {p.clientId ? (
                <>
                  {p.clientId} <span className="muted">{p.host}</span>
                </>
              ) : (
                <span className="muted">unassigned</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
