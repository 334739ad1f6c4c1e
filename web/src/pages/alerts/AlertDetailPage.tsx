import type { Alert } from '@eventscope/shared';
import { Fragment, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { RelativeTime } from '../../components/RelativeTime';
import { PageSkeleton } from '../../components/Skeleton';
import { alertName, useAlert, useUnacknowledgeAlert } from '../../hooks/useAlerts';
import { useRulesById } from '../../hooks/useAlertRules';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useCan } from '../../hooks/useSession';
import { AckDialog } from './AckDialog';
import { AlertMarkers, AlertValue, ExplainLink, LabelChips, SeverityBadge } from './AlertBits';
import { SilenceDialog } from './SilenceDialog';

function Actions({ alert }: { alert: Alert }) {
  const [dialog, setDialog] = useState<'ack' | 'silence' | null>(null);
  const unack = useUnacknowledgeAlert();
  if (alert.state === 'resolved') return null;
  return (
    <p className="row-actions">
      {alert.acknowledged ? (
        <button
          type="button"
          className="btn"
          disabled={unack.isPending}
          onClick={() => unack.mutate(alert.id)}
        >
          Unacknowledge
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => setDialog('ack')}>
          Acknowledge
        </button>
      )}{' '}
      {alert.silenced ? null : (
        <button type="button" className="btn" onClick={() => setDialog('silence')}>
          Silence
        </button>
      )}
      {dialog === 'ack' ? <AckDialog alert={alert} onClose={() => setDialog(null)} /> : null}
      {dialog === 'silence' ? (
        <SilenceDialog labels={alert.labels} onClose={() => setDialog(null)} />
      ) : null}
    </p>
  );
}

/** `/alerts/:id`: one alert with everything known about it, and the way to the explanation. */
export function AlertDetailPage() {
  const id = useParams().id ?? '';
  const alert = useAlert(id);
  const rules = useRulesById();
  const canAct = useCan('operator');
  const search = globalSearch(useLocation().search);
  const back = (
    <p className="crumbs">
      <Link to={`/alerts${search}`}>All alerts</Link>
    </p>
  );

  if (alert.isPending) return <PageSkeleton />;
  if (alert.isError && !alert.data) {
    return (
      <>
        {back}
        {toApiError(alert.error).status === 404 ? (
          <EmptyState title="This alert is no longer known">
            Resolved alerts are kept for 24 h.{' '}
            <Link to={`/alerts${search}`}>See current alerts</Link>.
          </EmptyState>
        ) : (
          <ErrorState
            title="Cannot load this alert"
            error={alert.error}
            onRetry={() => void alert.refetch()}
          />
        )}
      </>
    );
  }

  const a = alert.data;
  const { summary, description, runbookUrl, ...otherAnnotations } = a.annotations;
  const rule = rules.get(a.ruleId);
  return (
    <>
      {back}
      <h2 className="alert-title">
        <SeverityBadge severity={a.severity} /> <span className="mono">{alertName(a)}</span>{' '}
        <AlertMarkers alert={a} />
      </h2>
      {summary ? <p className="alert-summary">{summary}</p> : null}
      {description ? <p className="muted">{description}</p> : null}
      <p>
        <ExplainLink alert={a}>Open the view that explains it</ExplainLink>
        {runbookUrl && /^https?:\/\//.test(runbookUrl) ? (
          <>
            {' · '}
            <a href={runbookUrl} rel="noreferrer">
              Runbook
            </a>
          </>
        ) : null}
      </p>
      {canAct ? <Actions alert={a} /> : null}
      <dl className="facts alert-facts">
        <dt>Value</dt>
        <dd>
          <AlertValue alert={a} rule={rule} />
        </dd>
        <dt>Rule</dt>
        <dd>{rule ? `${rule.name} (${rule.metric})` : a.ruleName}</dd>
        <dt>Labels</dt>
        <dd>
          <LabelChips labels={a.labels} />
        </dd>
        <dt>Active since</dt>
        <dd>
          <RelativeTime at={a.activeAt} />
        </dd>
        <dt>Firing since</dt>
        <dd>
          <RelativeTime at={a.firedAt} />
        </dd>
        <dt>Resolved</dt>
        <dd>
          <RelativeTime at={a.resolvedAt} />
        </dd>
        <dt>Last evaluated</dt>
        <dd>
          <RelativeTime at={a.lastEvaluatedAt} />
        </dd>
        {a.acknowledged ? (
          <>
            <dt>Acknowledged</dt>
            <dd>
              by <span className="mono">{a.acknowledged.by}</span>{' '}
              <RelativeTime at={a.acknowledged.at} />
              {a.acknowledged.comment ? `: ${a.acknowledged.comment}` : null}
            </dd>
          </>
        ) : null}
        {a.silenced ? (
          <>
            <dt>Silenced by</dt>
            <dd>
              <Link to={`/alerts/silences${search}`} className="mono">
                {a.silencedBy.join(', ')}
              </Link>
            </dd>
          </>
        ) : null}
        {a.inhibited ? (
          <>
            <dt>Inhibited by</dt>
            <dd className="mono">{a.inhibitedBy.join(', ')}</dd>
          </>
        ) : null}
        {Object.entries(otherAnnotations).map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
}
