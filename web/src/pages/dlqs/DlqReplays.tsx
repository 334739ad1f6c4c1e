import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryTable } from '../../components/QueryTable';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { useReplays } from '../../hooks/useReplays';
import { ReplayedOf, ReplayStatusBadge, ReplayTarget, shortSelection } from './ReplayCells';
import { replayProgressSearch } from './url';

/** The replays of this DLQ, newest first; each links to its progress panel above. */
export function DlqReplays({ cluster, topic }: { cluster: string; topic: string }) {
  const { search } = useLocation();
  const replays = useReplays({ cluster, dlq: topic, limit: 20 });
  return (
    <QueryTable
      query={replays}
      loading="Loading replays"
      error="Cannot load replays"
      empty={
        <EmptyState title="No replays of this DLQ yet">
          A replay started here (all dead letters, a filter or selected messages) appears with its
          progress, who started it and when.
        </EmptyState>
      }
    >
      {(rows) => (
        <table className="table" aria-label="Recent replays">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Selection</th>
              <th scope="col">Target</th>
              <th scope="col" className="cell-num">
                Replayed
              </th>
              <th scope="col" className="cell-num">
                Skipped
              </th>
              <th scope="col" className="cell-num">
                Failed
              </th>
              <th scope="col">By</th>
              <th scope="col" className="cell-num">
                Started
              </th>
              <th scope="col">
                <span className="visually-hidden">Progress</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <ReplayStatusBadge status={r.status} />
                </td>
                <td className="cell-clip" title={shortSelection(r.selection)}>
                  {shortSelection(r.selection)}
                </td>
                <td className="cell-clip">
                  <ReplayTarget replay={r} />
                </td>
                <td className="cell-num">
                  <ReplayedOf replay={r} />
                </td>
                <td className="cell-num">
                  <Num value={r.skipped} />
                </td>
                <td className="cell-num">
                  <Num value={r.failed} />
                </td>
                <td className="mono cell-clip">{r.createdBy}</td>
                <td className="cell-num">
                  <RelativeTime at={r.startedAt ?? r.createdAt} />
                </td>
                <td className="cell-actions">
                  <Link
                    to={replayProgressSearch(r.id, search)}
                    aria-label={`Progress of replay ${r.id}`}
                  >
                    progress
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryTable>
  );
}
