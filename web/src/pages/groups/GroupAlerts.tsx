import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { useRulesById } from '../../hooks/useAlertRules';
import { byUrgency, NO_ALERT_FILTERS, useAlerts } from '../../hooks/useAlerts';
import { AlertTable } from '../alerts/AlertTable';
import '../alerts/alerts.css';

/** The pending and firing alerts of one group, most urgent first (issue #9: group detail). */
export function GroupAlerts({ cluster, group }: { cluster: string; group: string }) {
  const alerts = useAlerts({
    ...NO_ALERT_FILTERS,
    state: ['pending', 'firing'],
    labels: `cluster=${cluster},group=${group}`,
  });
  const rules = useRulesById();
  const labels = `cluster=${cluster},group=${group}`;
  if (alerts.isPending) return <TableSkeleton rows={1} label="Loading this group's alerts" />;
  if (alerts.isError && !alerts.data)
    return (
      <ErrorState
        title="Cannot load this group's alerts"
        error={alerts.error}
        onRetry={() => void alerts.refetch()}
      />
    );
  if (alerts.data.length === 0)
    return (
      <p className="muted">
        No alert is pending or firing for this group.{' '}
        <Link to={`/alerts?labels=${encodeURIComponent(labels)}`}>Its resolved alerts</Link>
      </p>
    );
  return (
    <AlertTable
      label="Alerts on this group"
      alerts={[...alerts.data].sort(byUrgency)}
      rules={rules}
    />
  );
}
