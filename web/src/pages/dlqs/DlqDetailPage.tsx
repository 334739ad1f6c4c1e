import type { DlqStats } from '@eventscope/shared';
import { Link, useLocation, useParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Num } from '../../components/Num';
import { PageSkeleton } from '../../components/Skeleton';
import { useDlq } from '../../hooks/useDlqs';
import { globalSearch } from '../../hooks/useGlobalParams';
import { topicHref } from '../../lib/links';
import { Discovery, Inflow, NoDlqs, SourceTopics } from './DlqCells';
import { DlqReplays } from './DlqReplays';
import './dlqs.css';
import { ErrorClassesTable } from './ErrorClassesTable';
import { MessageBrowser } from './MessageBrowser';
import { ReplayProgress } from './ReplayProgress';
import { useDlqParams } from './url';

/** Now, in numbers: how many dead letters wait, how fast they arrive, how old the oldest is. */
function DlqFacts({ dlq }: { dlq: DlqStats }) {
  return (
    <dl className="summary-facts" aria-label="DLQ facts">
      <div>
        <dt>Depth</dt>
        <dd>
          <Num value={dlq.depth} />
        </dd>
      </div>
      <div>
        <dt>Inflow</dt>
        <dd>
          <Inflow value={dlq.inflowPerMinute} />
        </dd>
      </div>
      <div>
        <dt>Oldest</dt>
        <dd>
          <Num value={dlq.oldestAgeSeconds} kind="seconds" />
        </dd>
      </div>
      <div>
        <dt>Found by</dt>
        <dd>
          <Discovery by={dlq.discoveredBy} />
        </dd>
      </div>
    </dl>
  );
}

export default function DlqDetailPage() {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const name = params.topic ?? '';
  const search = globalSearch(useLocation().search);
  const dlq = useDlq(cluster, name);
  const { browse, setBrowse, replay, setReplay } = useDlqParams();

  const head = (
    <>
      <p className="crumbs">
        <Link to={`/dlqs${search}`}>DLQs</Link> / <span className="mono">{cluster}</span>
      </p>
      <h1 className="page-title mono">{name}</h1>
    </>
  );

  if (dlq.isPending) return <PageSkeleton />;
  if (dlq.isError && dlq.data === undefined) {
    return (
      <>
        {head}
        <ErrorState
          title="Cannot load this DLQ"
          error={dlq.error}
          onRetry={() => void dlq.refetch()}
        />
      </>
    );
  }
  if (!dlq.data) {
    return (
      <>
        {head}
        <EmptyState title={`“${name}” is not a known DLQ on cluster ${cluster}`}>
          <NoDlqs /> It may also appear after the next sample.{' '}
          <Link to={`${topicHref(cluster, name)}${search}`}>Open it as a topic</Link> or{' '}
          <Link to={`/dlqs${search}`}>see every DLQ</Link>.
        </EmptyState>
      </>
    );
  }

  const data = dlq.data;
  return (
    <>
      {head}
      <DlqFacts dlq={data} />
      <h2 className="section-title">Failures by exception class</h2>
      <ErrorClassesTable
        classes={data.errorClasses}
        selected={browse.errorClass}
        onSelect={(errorClass) => setBrowse({ errorClass })}
      />
      <h2 className="section-title">Source topics</h2>
      <p>
        <SourceTopics dlq={data} search={search} />
      </p>
      {replay ? <ReplayProgress key={replay} id={replay} onClose={() => setReplay(null)} /> : null}
      <section aria-labelledby="dead-letters-title">
        <h2 id="dead-letters-title" className="section-title">
          Dead letters
        </h2>
        <MessageBrowser dlq={data} />
      </section>
      <section aria-labelledby="replays-title">
        <h2 id="replays-title" className="section-title">
          Recent replays
        </h2>
        <DlqReplays cluster={cluster} topic={name} />
      </section>
    </>
  );
}
