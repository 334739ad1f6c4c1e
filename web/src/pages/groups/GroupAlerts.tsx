import { Link } from 'react-router-dom';
import { QueryTable } from '../../components/QueryTable';
import { useRulesById } from '../../hooks/useAlertRules';
import { byUrgency, NO_ALERT_FILTERS, useAlerts } from '../../hooks/useAlerts';
import { AlertTable } from '../alerts/AlertTable';
import '../alerts/alerts.css';

/** The pending and firing alerts of one group, most urgent first (issue #9: group detail). */
export function GroupAlerts({ cluster, group }: { cluster: string; group: string }) {
  const labels = `cluster=${cluster},group=${group}`;
  const alerts = useAlerts({ ...NO_ALERT_FILTERS, state: ['pending', 'firing'], labels });
  const rules = useRulesById();
  return (
    <QueryTable
      query={alerts}
      loading="Loading this group's alerts"
      error="Cannot load this group's alerts"
      empty={
        <p className="muted">
          No alert is pending or firing for this group.{' '}
          <Link to={`/alerts?labels=${encodeURIComponent(labels)}`}>Its resolved alerts</Link>
        </p>
      }
    >
      {(rows) => (
        <AlertTable label="Alerts on this group" alerts={[...rows].sort(byUrgency)} rules={rules} />
      )}
    </QueryTable>
  );
}
