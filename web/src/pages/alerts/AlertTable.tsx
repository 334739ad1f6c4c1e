import type { Alert, AlertRule } from '@eventscope/shared';
import { Link, useLocation } from 'react-router-dom';
import { RelativeTime } from '../../components/RelativeTime';
import { globalSearch } from '../../hooks/useGlobalParams';
import { alertName, since, useUnacknowledgeAlert } from '../../hooks/useAlerts';
import { AlertMarkers, AlertValue, ExplainLink, LabelChips, SeverityBadge } from './AlertBits';

export interface AlertActions {
  onAck: (alert: Alert) => void;
  onSilence: (alert: Alert) => void;
}

function RowActions({ alert, actions }: { alert: Alert; actions: AlertActions }) {
  const unack = useUnacknowledgeAlert();
  const name = alertName(alert);
  return (
    <span className="row-actions">
      {alert.state === 'resolved' ? null : alert.acknowledged ? (
        <button
          type="button"
          className="btn btn-quiet"
          disabled={unack.isPending}
          aria-label={`Unacknowledge ${name}`}
          onClick={() => unack.mutate(alert.id)}
        >
          Unack
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          aria-label={`Acknowledge ${name}`}
          onClick={() => actions.onAck(alert)}
        >
          Ack
        </button>
      )}
      {alert.state === 'resolved' || alert.silenced ? null : (
        <button
          type="button"
          className="btn"
          aria-label={`Silence ${name}`}
          onClick={() => actions.onSilence(alert)}
        >
          Silence
        </button>
      )}
    </span>
  );
}

/**
 * One state's alerts, in the order given. Actions are shown only to operators (`actions`
 * undefined for viewers): the api refuses them anyway, hiding keeps the row honest.
 */
export function AlertTable({
  label,
  alerts,
  rules,
  actions,
  onPickLabel,
}: {
  label: string;
  alerts: readonly Alert[];
  rules: ReadonlyMap<string, AlertRule>;
  actions?: AlertActions;
  onPickLabel?: (pair: string) => void;
}) {
  const search = globalSearch(useLocation().search);
  return (
    <table className="table alert-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">State</th>
          <th scope="col">Alert</th>
          <th scope="col" className="cell-num">
            Value
          </th>
          <th scope="col">Since</th>
          <th scope="col">
            <span className="visually-hidden">Explaining view</span>
          </th>
          {actions ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id} className={alert.state === 'firing' ? 'row-attention' : undefined}>
            <td>
              <SeverityBadge severity={alert.severity} />
            </td>
            <td>
              <AlertMarkers alert={alert} />
            </td>
            <td className="alert-cell">
              <Link
                className="alert-name"
                to={`/alerts/${encodeURIComponent(alert.id)}${search}`}
                title={alert.annotations.summary}
              >
                {alertName(alert)}
              </Link>
              <LabelChips labels={alert.labels} onPick={onPickLabel} />
            </td>
            <td className="cell-num">
              <AlertValue alert={alert} rule={rules.get(alert.ruleId)} />
            </td>
            <td>
              <RelativeTime at={since(alert)} />
            </td>
            <td>
              <ExplainLink alert={alert} />
            </td>
            {actions ? (
              <td className="cell-actions">
                <RowActions alert={alert} actions={actions} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
