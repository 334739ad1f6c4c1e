import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { RelativeTime } from '../../components/RelativeTime';
import { toApiError } from '../../api/errors';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { useClusters } from '../../hooks/useClusters';
import { useHealth } from '../../hooks/useHealth';
import { ClusterTile } from './ClusterTile';
import { DlqSummary } from './DlqSummary';
import { FiringAlerts } from './FiringAlerts';
import { RecentReplays } from './RecentReplays';
import { ServiceSummary } from './ServiceSummary';
import { WorstGroups } from './WorstGroups';

/**
 * Overview in UI.md's order: firing alerts → clusters → worst groups by lag seconds → DLQs →
 * recent replays.
 */
export default function OverviewPage() {
  const { cluster } = useGlobalParams();
  const health = useHealth();
  const summaries = useClusters();
  const summaryOf = (id: string) =>
    summaries.data
      ? (summaries.data.find((s) => s.id === id) ?? null)
      : summaries.isError
        ? null
        : undefined;

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
      <FiringAlerts cluster={cluster} />
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
              <ClusterTile key={c.id} cluster={c} summary={summaryOf(c.id)} />
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="worst-title">
        <h2 id="worst-title" className="section-title">
          Worst groups by lag (time)
        </h2>
        <WorstGroups cluster={cluster} />
      </section>
      <section aria-labelledby="dlqs-title">
        <h2 id="dlqs-title" className="section-title">
          DLQs
        </h2>
        <DlqSummary cluster={cluster} />
      </section>
      <section aria-labelledby="replays-title">
        <h2 id="replays-title" className="section-title">
          Recent replays
        </h2>
        <RecentReplays cluster={cluster} />
      </section>
    </>
  );
}
