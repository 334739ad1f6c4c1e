import type { ClusterHealth, ClusterSummary } from '@eventscope/shared';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusBadge } from '../../components/StatusBadge';
import { statusInfo, worstRole } from '../../lib/status';
import { GroupCounts, worstGroupRole } from './GroupCounts';

interface ClusterTileProps {
  cluster: ClusterHealth;
  /** From /api/clusters; undefined while loading, null when that request failed. */
  summary: ClusterSummary | null | undefined;
}

export function ClusterTile({ cluster, summary }: ClusterTileProps) {
  const status = cluster.reachable ? 'reachable' : 'unreachable';
  const brokersTotal = cluster.brokers.length;
  const groupsRole = cluster.reachable ? worstGroupRole(summary ?? undefined) : undefined;
  const role = worstRole([statusInfo(status).role, ...(groupsRole ? [groupsRole] : [])]);
  return (
    <article className={`tile role-edge-${role}`} aria-label={`Cluster ${cluster.id}`}>
      <header className="tile-head">
        <h3>{cluster.id}</h3>
        <StatusBadge status={status} />
      </header>
      {summary === undefined ? (
        <Skeleton className="skeleton-line" />
      ) : summary === null ? (
        <p className="muted tile-line">Groups unknown: /api/clusters did not answer</p>
      ) : (
        <GroupCounts summary={summary} />
      )}
      <dl className="facts">
        <dt>Brokers up</dt>
        <dd>
          <Num value={cluster.brokersUp} /> <span className="muted">/ {brokersTotal}</span>
        </dd>
        <dt>Latency</dt>
        <dd>
          <Num value={cluster.latencyMs} kind="ms" />
        </dd>
        <dt>Last sample</dt>
        <dd>
          <RelativeTime at={summary?.lastSampleAt ?? null} />
        </dd>
        <dt>Checked</dt>
        <dd>
          <RelativeTime at={cluster.checkedAt} />
        </dd>
      </dl>
      {cluster.error ? <p className="tile-error">{cluster.error}</p> : null}
      <p className="tile-foot muted" title={cluster.brokers.join(', ')}>
        {cluster.brokers.join(', ') || 'no brokers configured'}
      </p>
    </article>
  );
}
