import { Link, useLocation, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton, TableSkeleton } from '../../components/Skeleton';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useDeliveries, useNotifier, useTestNotifier } from '../../hooks/useNotifiers';
import { useCan } from '../../hooks/useSession';
import { DeliveriesTable } from './DeliveriesTable';
import { NotifierStatus, RouteSummary } from './NotifierBits';

function Deliveries({ id, highlight }: { id: string; highlight?: string }) {
  const deliveries = useDeliveries(id);
  if (deliveries.isPending) return <TableSkeleton rows={4} label="Loading deliveries" />;
  if (deliveries.isError && !deliveries.data) {
    return (
      <ErrorState
        title="Cannot load deliveries"
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
      />
    );
  }
  if (deliveries.data.length === 0) {
    return (
      <EmptyState title="Nothing sent yet">
        Each notification and each test appears here with its attempts and the receiver&apos;s
        answers.
      </EmptyState>
    );
  }
  return <DeliveriesTable deliveries={deliveries.data} highlight={highlight} />;
}

/** One notifier: its route, a test button, and its delivery log. */
export function NotifierDetailPage() {
  const id = useParams().id ?? '';
  const notifier = useNotifier(id);
  const test = useTestNotifier();
  const isAdmin = useCan('admin');
  const search = globalSearch(useLocation().search);
  const back = (
    <p className="crumbs">
      <Link to={`/alerts/notifiers${search}`}>Notifiers</Link>
    </p>
  );

  if (notifier.isPending) return <PageSkeleton />;
  if (notifier.isError && !notifier.data) {
    return (
      <>
        {back}
        {toApiError(notifier.error).status === 404 ? (
          <EmptyState title="No such notifier">It may have been deleted.</EmptyState>
        ) : (
          <ErrorState
            title="Cannot load this notifier"
            error={notifier.error}
            onRetry={() => void notifier.refetch()}
          />
        )}
      </>
    );
  }

  const n = notifier.data;
  return (
    <>
      {back}
      <h2 className="section-title">
        {n.name} <NotifierStatus notifier={n} />
      </h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{n.type}</dd>
        <dt>Target</dt>
        <dd className="mono">{n.urlRedacted}</dd>
        <dt>Signed</dt>
        <dd>{n.hasSecret ? 'yes (Standard Webhooks)' : 'no'}</dd>
        <dt>Route</dt>
        <dd>
          <RouteSummary notifier={n} />
        </dd>
        {n.disabledReason ? (
          <>
            <dt>Disabled because</dt>
            <dd className="text-crit">{n.disabledReason}</dd>
          </>
        ) : null}
      </dl>
      {isAdmin ? (
        <p className="test-row">
          <button
            type="button"
            className="btn"
            disabled={test.isPending}
            onClick={() => test.mutate(n.id)}
          >
            {test.isPending ? 'Sending…' : 'Send test'}
          </button>{' '}
          <span aria-live="polite">
            {test.isSuccess
              ? test.data
                ? `Test queued as ${test.data.webhookId}: its attempts show below.`
                : 'Test queued: it shows below.'
              : null}
          </span>
          {test.isError ? (
            <span className="form-error" role="alert">
              {toApiError(test.error).message}
            </span>
          ) : null}
        </p>
      ) : null}
      <h2 className="section-title">Deliveries</h2>
      <Deliveries id={n.id} highlight={test.data?.id} />
    </>
  );
}
