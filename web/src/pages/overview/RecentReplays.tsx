import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryTable } from '../../components/QueryTable';
import { RelativeTime } from '../../components/RelativeTime';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useReplays } from '../../hooks/useReplays';
import { dlqHref } from '../../lib/links';
import { ReplayedOf, ReplayStatusBadge, ReplayTarget } from '../dlqs/ReplayCells';
import { replayProgressSearch } from '../dlqs/url';

const SHOWN = 5;

/** The last few replays across DLQs; each opens its progress on the DLQ's page. */
export function RecentReplays({ cluster }: { cluster: string | null }) {
  const search = globalSearch(useLocation().search);
  const replays = useReplays({ cluster, limit: SHOWN });
  return (
    <QueryTable
      query={replays}
      loading="Loading replays"
      error="Cannot load replays"
      empty={
        <EmptyState title="No replays yet">
          Replays started from a DLQ page appear here with their status and progress.
        </EmptyState>
      }
    >
      {(rows) => (
        <table className="table" aria-label="Recent replays">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">DLQ</th>
              <th scope="col">Target</th>
              <th scope="col" className="cell-num">
                Replayed
              </th>
              <th scope="col">By</th>
              <th scope="col" className="cell-num">
                Started
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <tr key={r.id}>
                <td>
                  <ReplayStatusBadge status={r.status} />
                </td>
                <td className="cell-name">
                  <Link
                    className="mono"
                    to={`${dlqHref(r.cluster, r.dlq)}${replayProgressSearch(r.id, search)}`}
                  >
                    {r.dlq}
                  </Link>
                </td>
                <td className="cell-clip">
                  <ReplayTarget replay={r} />
                </td>
                <td className="cell-num">
                  <ReplayedOf replay={r} />
                </td>
                <td className="mono cell-clip">{r.createdBy}</td>
                <td className="cell-num">
                  <RelativeTime at={r.startedAt ?? r.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryTable>
  );
}
