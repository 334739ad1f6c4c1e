import { Link, useLocation, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { HistoryGate } from '../../components/charts/HistoryGate';
import { PageSkeleton } from '../../components/Skeleton';
import { useLagSecondsThreshold } from '../../hooks/useAlertRules';
import { useGroup, useGroupHistory } from '../../hooks/useConsumerGroups';
import { globalSearch, useGlobalParams } from '../../hooks/useGlobalParams';
import { GroupStatusPanel } from './GroupStatusPanel';
import { LagCharts } from './LagCharts';
import { GroupAlerts } from './GroupAlerts';
import { MembersTable } from './MembersTable';
import { PartitionsTable } from './PartitionsTable';
import { StatusStrip } from './StatusStrip';

function HistorySection({ cluster, group }: { cluster: string; group: string }) {
  const { range } = useGlobalParams();
  const history = useGroupHistory(cluster, group, range);
  const threshold = useLagSecondsThreshold(cluster, group);
  return (
    <HistoryGate query={history} what="lag history">
      {(data) => (
        <>
          <LagCharts history={data} syncId={`group:${cluster}:${group}`} threshold={threshold} />
          <StatusStrip history={data} />
        </>
      )}
    </HistoryGate>
  );
}

export default function GroupDetailPage() {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const groupId = params.group ?? '';
  const search = globalSearch(useLocation().search);
  const group = useGroup(cluster, groupId);

  const head = (
    <>
      <p className="crumbs">
        <Link to={`/groups${search}`}>Consumer groups</Link> /{' '}
        <span className="mono">{cluster}</span>
      </p>
      <h1 className="page-title mono">{groupId}</h1>
    </>
  );

  if (group.isPending) return <PageSkeleton />;
  if (group.isError && !group.data) {
    const notFound = toApiError(group.error).status === 404;
    return (
      <>
        {head}
        {notFound ? (
          <EmptyState title={`No group “${groupId}” on cluster ${cluster}`}>
            It may have been deleted, or it has not committed an offset since Eventscope started
            watching. <Link to={`/groups${search}`}>See every group</Link>.
          </EmptyState>
        ) : (
          <ErrorState
            title="Cannot load this group"
            error={group.error}
            onRetry={() => void group.refetch()}
          />
        )}
      </>
    );
  }

  const data = group.data;
  return (
    <>
      {head}
      <GroupStatusPanel group={data} />
      <h2 className="section-title">Alerts</h2>
      <GroupAlerts cluster={cluster} group={groupId} />
      <h2 className="section-title">Lag</h2>
      <HistorySection cluster={cluster} group={groupId} />
      <h2 className="section-title">Partitions</h2>
      {data.partitions.length === 0 ? (
        <EmptyState title="No partitions">
          The group has no committed offsets and no assignments yet.
        </EmptyState>
      ) : (
        <PartitionsTable cluster={cluster} partitions={data.partitions} />
      )}
      <h2 className="section-title">Members</h2>
      {data.members.length === 0 ? (
        <EmptyState title="No members">
          No consumer is connected to this group: its lag only grows until one joins.
        </EmptyState>
      ) : (
        <MembersTable members={data.members} />
      )}
    </>
  );
}
