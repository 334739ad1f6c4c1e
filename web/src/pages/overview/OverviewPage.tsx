import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { RelativeTime } from '../../components/RelativeTime';
import { toApiError } from '../../api/errors';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { useHealth } from '../../hooks/useHealth';
import { ClusterTile } from './ClusterTile';
import { ServiceSummary } from './ServiceSummary';

/**
 * Overview, for now the health of Eventscope and its clusters. UI.md's order will grow around
 * it: firing alerts above, worst groups, DLQs and recent replays below.
 */
export default function OverviewPage() {
  const { cluster } = useGlobalParams();
  const health = useHealth();

  if (health.isPending) return <PageSkeleton />;
  if (health.isError && !health.data) {
    return (
      <>
        <h1 className="page-title">Overview</h1>
        <ErrorState
          title="Cannot load Eventscope health"
          error={health.error}
          onRetry={() => void health.refetch()}
        />
      </>
    );
  }

  const data = health.data;
  const clusters = cluster ? data.clusters.filter((c) => c.id === cluster) : data.clusters;
  return (
    <>
      <h1 className="page-title">Overview</h1>
      {health.isError ? (
        // Keep showing the last good answer, but say plainly that it is getting old.
        <p className="banner banner-warn" role="alert">
          Refreshing failed ({toApiError(health.error).message}); showing data from{' '}
          <RelativeTime at={new Date(health.dataUpdatedAt).toISOString()} />.
        </p>
      ) : null}
      <ServiceSummary health={data} />
      <section aria-labelledby="clusters-title">
        <h2 id="clusters-title" className="section-title">
          Clusters
        </h2>
        {clusters.length === 0 ? (
          <EmptyState title={cluster ? `No cluster named “${cluster}”` : 'No clusters configured'}>
            Clusters come from <code>KAFKA_BROKERS</code> or <code>eventscope.config.yaml</code>;
            each appears here with its brokers, reachability and latency.
          </EmptyState>
        ) : (
          <div className="tiles">
            {clusters.map((c) => (
              <ClusterTile key={c.id} cluster={c} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
