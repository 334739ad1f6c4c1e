import { Link, useLocation } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { useRulesById } from '../../hooks/useAlertRules';
import { useFiringAlerts } from '../../hooks/useAlerts';
import { globalSearch } from '../../hooks/useGlobalParams';
import { AlertTable } from '../alerts/AlertTable';
import '../alerts/alerts.css';

/** More than this and the overview stops being an overview: the rest are one click away. */
const SHOWN = 10;

/** The first thing on the overview: what is firing, most severe and oldest first (UI.md). */
export function FiringAlerts({ cluster }: { cluster: string | null }) {
  const firing = useFiringAlerts(cluster);
  const rules = useRulesById();
  const search = globalSearch(useLocation().search);
  const n = firing.data?.length;

  let body;
  if (firing.isPending) body = <TableSkeleton rows={2} label="Loading firing alerts" />;
  else if (firing.isError && !firing.data) {
    body = (
      <ErrorState
        title="Cannot load firing alerts"
        error={firing.error}
        onRetry={() => void firing.refetch()}
      />
    );
  } else if (firing.data.length === 0) {
    body = (
      <p className="muted">
        Nothing is firing{cluster ? ` on ${cluster}` : ''}.{' '}
        <Link to={`/alerts${search}`}>Pending and recently resolved alerts</Link>
      </p>
    );
  } else {
    const more = firing.data.length - SHOWN;
    body = (
      <>
        <AlertTable label="Firing alerts" alerts={firing.data.slice(0, SHOWN)} rules={rules} />
        {more > 0 ? (
          <p className="table-foot">
            <Link to={`/alerts${search}`}>
              {more} more firing {more === 1 ? 'alert' : 'alerts'} →
            </Link>
          </p>
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby="firing-title">
      <h2 id="firing-title" className="section-title">
        Firing alerts {n ? <span className="muted num">{n}</span> : null}
      </h2>
      {body}
    </section>
  );
}
