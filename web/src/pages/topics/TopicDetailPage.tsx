import { Link, useLocation, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { HistoryGate } from '../../components/charts/HistoryGate';
import { PageSkeleton } from '../../components/Skeleton';
import { globalSearch, useGlobalParams } from '../../hooks/useGlobalParams';
import { useTopic, useTopicHistory } from '../../hooks/useTopics';
import { dlqHref, groupHref } from '../../lib/links';
import { TopicCharts } from './TopicCharts';
import { TopicFacts } from './TopicFacts';

function HistorySection({ cluster, topic }: { cluster: string; topic: string }) {
  const { range } = useGlobalParams();
  const history = useTopicHistory(cluster, topic, range);
  return (
    <HistoryGate query={history} what="topic history">
      {(data) => <TopicCharts history={data} syncId={`topic:${cluster}:${topic}`} />}
    </HistoryGate>
  );
}

export default function TopicDetailPage() {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const name = params.topic ?? '';
  const search = globalSearch(useLocation().search);
  const topic = useTopic(cluster, name);

  const head = (
    <>
      <p className="crumbs">
        <Link to={`/topics${search}`}>Topics</Link> / <span className="mono">{cluster}</span>
      </p>
      <h1 className="page-title mono">
        {name}
        {topic.data?.isDlq ? (
          <>
            {' '}
            <Link className="badge badge-tag" to={`${dlqHref(cluster, name)}${search}`}>
              DLQ
            </Link>
          </>
        ) : null}
      </h1>
    </>
  );

  if (topic.isPending) return <PageSkeleton />;
  if (topic.isError && !topic.data) {
    return (
      <>
        {head}
        {toApiError(topic.error).status === 404 ? (
          <EmptyState title={`No topic “${name}” on cluster ${cluster}`}>
            It may have been deleted, or it appears after the next sample.{' '}
            <Link to={`/topics${search}`}>See every topic</Link>.
          </EmptyState>
        ) : (
          <ErrorState
            title="Cannot load this topic"
            error={topic.error}
            onRetry={() => void topic.refetch()}
          />
        )}
      </>
    );
  }

  const data = topic.data;
  return (
    <>
      {head}
      <TopicFacts topic={data} />
      <h2 className="section-title">Throughput and event size</h2>
      <HistorySection cluster={cluster} topic={name} />
      <h2 className="section-title">Dead-letter topics</h2>
      {data.dlqs.length === 0 ? (
        <p className="muted">No DLQ is linked to this topic.</p>
      ) : (
        <ul className="link-rows" aria-label="Dead-letter topics">
          {data.dlqs.map((d) => (
            <li key={d}>
              <Link className="mono" to={`${dlqHref(cluster, d)}${search}`}>
                {d}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2 className="section-title">Consumer groups</h2>
      {data.consumerGroups.length === 0 ? (
        <p className="muted">No consumer group reads this topic.</p>
      ) : (
        <ul className="link-rows" aria-label="Consumer groups">
          {data.consumerGroups.map((g) => (
            <li key={g}>
              <Link className="mono" to={`${groupHref(cluster, g)}${search}`}>
                {g}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
