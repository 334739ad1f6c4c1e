import type { ClusterHealth } from '@eventscope/shared';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusBadge } from '../../components/StatusBadge';
import { statusInfo } from '../../lib/status';

export function ClusterTile({ cluster }: { cluster: ClusterHealth }) {
  const status = cluster.reachable ? 'reachable' : 'unreachable';
  const brokersTotal = cluster.brokers.length;
  return (
    <article
      className={`tile role-edge-${statusInfo(status).role}`}
      aria-label={`Cluster ${cluster.id}`}
    >
      <header className="tile-head">
        <h3>{cluster.id}</h3>
        <StatusBadge status={status} />
      </header>
      <dl className="facts">
        <dt>Brokers up</dt>
        <dd>
          <Num value={cluster.brokersUp} /> <span className="muted">/ {brokersTotal}</span>
        </dd>
        <dt>Latency</dt>
        <dd>
          <Num value={cluster.latencyMs} kind="ms" />
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
