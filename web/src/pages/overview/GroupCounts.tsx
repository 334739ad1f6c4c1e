import type { ClusterSummary } from '@eventscope/shared';
import { Link, useLocation } from 'react-router-dom';
import { Num } from '../../components/Num';
import { StatusBadge } from '../../components/StatusBadge';
import { globalSearch } from '../../hooks/useGlobalParams';
import { statusInfo, worstRole } from '../../lib/status';

/** Worst first, so the eye lands on what needs attention. */
const ORDER = ['STALL', 'STOP', 'REWIND', 'WARN', 'UNKNOWN', 'EMPTY', 'OK'];
const rank = (code: string) => (ORDER.includes(code) ? ORDER.indexOf(code) : ORDER.length);

/** Groups by status on one cluster; each count links to the list filtered to that status. */
export function GroupCounts({ summary }: { summary: ClusterSummary }) {
  const search = new URLSearchParams(globalSearch(useLocation().search));
  search.set('cluster', summary.id);
  const entries = Object.entries(summary.groupsByStatus)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) {
    // No groups known is not the same as none: say why they are unknown.
    let text = 'No consumer groups';
    if (!summary.reachable) text = 'Groups unknown: cluster unreachable';
    else if (summary.lastSampleAt === null) text = 'Groups unknown: waiting for the first sample';
    return <p className="muted tile-line">{text}</p>;
  }
  return (
    <ul className="status-counts" aria-label="Groups by status">
      {entries.map(([code, n]) => {
        search.set('status', code);
        return (
          <li key={code}>
            <Link to={`/groups?${search.toString()}`} title={`${statusInfo(code).tooltip}: ${n}`}>
              <StatusBadge status={code} /> <Num value={n} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The tile's edge: the worst group status, or the reachability when nothing worse. */
export function worstGroupRole(summary: ClusterSummary | undefined) {
  if (!summary) return undefined;
  const codes = Object.entries(summary.groupsByStatus).filter(([, n]) => n > 0);
  return worstRole(codes.map(([code]) => statusInfo(code).role));
}
