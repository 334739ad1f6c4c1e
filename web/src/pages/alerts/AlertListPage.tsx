import type { Alert, AlertState } from '@eventscope/shared';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { byUrgency, inCluster, useAlerts } from '../../hooks/useAlerts';
import { useRulesById } from '../../hooks/useAlertRules';
import { useGlobalParams } from '../../hooks/useGlobalParams';
import { useCan } from '../../hooks/useSession';
import { AckDialog } from './AckDialog';
import { AlertFilters } from './AlertFilters';
import { AlertTable, type AlertActions } from './AlertTable';
import { SilenceDialog } from './SilenceDialog';
import { isLabelFilter, useAlertFilterParams, withLabel } from './url';

const GROUPS: readonly { state: AlertState; title: string; none: string }[] = [
  { state: 'firing', title: 'Firing', none: 'Nothing is firing.' },
  { state: 'pending', title: 'Pending', none: 'Nothing is pending.' },
  { state: 'resolved', title: 'Resolved recently', none: 'Nothing resolved in the last 24 h.' },
];

type Dialog = { kind: 'ack' | 'silence'; alert: Alert } | null;

/** Alerts grouped by state — firing, pending, resolved in the last 24 h — most severe first. */
export function AlertListPage() {
  const { cluster } = useGlobalParams();
  const { filters, setFilters } = useAlertFilterParams();
  // A half-typed label filter is not sent: the api would answer 400 on every keystroke.
  const alerts = useAlerts(isLabelFilter(filters.labels) ? filters : { ...filters, labels: '' });
  const rules = useRulesById();
  const canAct = useCan('operator');
  const [dialog, setDialog] = useState<Dialog>(null);

  const actions: AlertActions | undefined = canAct
    ? {
        onAck: (alert) => setDialog({ kind: 'ack', alert }),
        onSilence: (alert) => setDialog({ kind: 'silence', alert }),
      }
    : undefined;
  const pickLabel = (pair: string) =>
    setFilters({ ...filters, labels: withLabel(filters.labels, pair) });

  let body;
  if (alerts.isPending) {
    body = <TableSkeleton rows={6} label="Loading alerts" />;
  } else if (alerts.isError && !alerts.data) {
    body = (
      <ErrorState
        title="Cannot load alerts"
        error={alerts.error}
        onRetry={() => void alerts.refetch()}
      />
    );
  } else {
    const shown = alerts.data.filter((a) => inCluster(a, cluster));
    const groups = GROUPS.filter(
      (g) => filters.state.length === 0 || filters.state.includes(g.state),
    );
    body =
      shown.length === 0 && filters.state.length === 0 ? (
        <EmptyState title="No alerts firing, pending or resolved in the last 24 h">
          Alerts appear here when a rule&apos;s condition holds (pending) and for longer than its
          “for” (firing). The rules are on the Rules tab.
        </EmptyState>
      ) : (
        groups.map((g) => {
          const rows = shown.filter((a) => a.state === g.state).sort(byUrgency);
          const id = `alerts-${g.state}`;
          return (
            <section key={g.state} aria-labelledby={id}>
              <h2 id={id} className="section-title">
                {g.title} <span className="muted num">{rows.length}</span>
              </h2>
              {rows.length === 0 ? (
                <p className="muted">{g.none}</p>
              ) : (
                <AlertTable
                  label={`${g.title} alerts`}
                  alerts={rows}
                  rules={rules}
                  actions={actions}
                  onPickLabel={pickLabel}
                />
              )}
            </section>
          );
        })
      );
  }

  return (
    <>
      <AlertFilters filters={filters} onChange={setFilters} />
      {body}
      {dialog?.kind === 'ack' ? (
        <AckDialog alert={dialog.alert} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'silence' ? (
        <SilenceDialog labels={dialog.alert.labels} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
