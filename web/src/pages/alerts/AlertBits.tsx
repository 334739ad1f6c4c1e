import type { Alert, AlertRule, Severity } from '@eventscope/shared';
import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { formatRelative } from '../../lib/format';
import { formatMetricExact, formatMetricValue, METRICS } from './metrics';

const SEVERITY_ROLE: Record<Severity, string> = {
  critical: 'crit',
  warning: 'warn',
  info: 'empty',
};

const SEVERITY_TIP: Record<Severity, string> = {
  critical: 'Critical: someone should act now',
  warning: 'Warning: needs attention soon',
  info: 'Info: for awareness',
};

/** Severity as a word with its colour role; a severity the api adds later shows as its word. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`badge role-${SEVERITY_ROLE[severity] ?? 'unknown'}`}
      title={SEVERITY_TIP[severity]}
    >
      {severity}
    </span>
  );
}

/** Labels every alert carries that its other columns already show. */
const SHOWN_ELSEWHERE = new Set(['alertname', 'severity']);

export function LabelChips({
  labels,
  onPick,
}: {
  labels: Readonly<Record<string, string>>;
  /** Clicking a chip narrows the list to that label; without it chips are plain text. */
  onPick?: (pair: string) => void;
}) {
  const pairs = Object.entries(labels)
    .filter(([k]) => !SHOWN_ELSEWHERE.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  if (pairs.length === 0) return null;
  return (
    <span className="label-chips">
      {pairs.map(([k, v]) => {
        const pair = `${k}=${v}`;
        return onPick ? (
          <button
            key={k}
            type="button"
            className="label-chip mono"
            title={`Show only alerts with ${pair}`}
            onClick={() => onPick(pair)}
          >
            {pair}
          </button>
        ) : (
          <span key={k} className="label-chip mono">
            {pair}
          </span>
        );
      })}
    </span>
  );
}

/**
 * State plus what changes how it is handled: silenced, inhibited, acknowledged. Each is a
 * word; who and why are on hover.
 */
export function AlertMarkers({ alert }: { alert: Alert }) {
  const ack = alert.acknowledged;
  return (
    <span className="alert-markers">
      <StatusBadge status={alert.state} />
      {alert.silenced ? (
        <StatusBadge
          status="silenced"
          title={`Matched by ${alert.silencedBy.length === 1 ? 'silence' : 'silences'} ${alert.silencedBy.join(', ')}: not notifying`}
        />
      ) : null}
      {alert.inhibited ? (
        <span
          className="badge role-muted"
          title={`Inhibited by ${alert.inhibitedBy.join(', ')}: a more severe alert covers it`}
        >
          inhibited
        </span>
      ) : null}
      {ack ? (
        <span
          className="badge badge-ack"
          title={`Acknowledged by ${ack.by} ${formatRelative(ack.at)}${ack.comment ? `: ${ack.comment}` : ''}`}
        >
          ack · {ack.by}
        </span>
      ) : null}
      {alert.health !== 'ok' ? (
        <span
          className="badge role-unknown"
          title={
            alert.health === 'nodata'
              ? 'No data: the source is unreachable or stale. The alert keeps its state.'
              : 'The rule could not be evaluated'
          }
        >
          {alert.health === 'nodata' ? 'no data' : 'eval error'}
        </span>
      ) : null}
    </span>
  );
}

/** "72 s > 60 s": the value now against the rule's threshold, in the metric's unit. */
export function AlertValue({ alert, rule }: { alert: Alert; rule: AlertRule | undefined }) {
  const unit = rule ? METRICS[rule.metric].unit : undefined;
  const threshold = `${rule ? `${rule.op} ` : 'threshold '}${formatMetricValue(unit, alert.threshold)}`;
  return (
    <span className="alert-value">
      {alert.value === null ? (
        <span className="num" title="unknown: no data">
          —
        </span>
      ) : (
        <span className="num" title={formatMetricExact(unit, alert.value)}>
          {formatMetricValue(unit, alert.value)}
        </span>
      )}{' '}
      <span className="muted num" title={formatMetricExact(unit, alert.threshold)}>
        {threshold}
      </span>
    </span>
  );
}

/**
 * Where `alert.url` points: a path in this app (or an absolute URL on this origin) is a router
 * link; another http(s) origin is a plain link; anything else (javascript:, data:) is dropped.
 */
export function explainTarget(url: string): { path: string } | { href: string } | null {
  if (url.startsWith('/') && !url.startsWith('//')) return { path: url };
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.origin === window.location.origin) return { path: `${u.pathname}${u.search}${u.hash}` };
    return { href: u.href };
  } catch {
    return null;
  }
}

/** The view that explains the alert: the group, the DLQ, the trace, the cluster. */
export function ExplainLink({ alert, children }: { alert: Alert; children?: string }) {
  const target = explainTarget(alert.url);
  const text = children ?? 'Explain';
  const label = `${text}: ${alert.labels.alertname ?? alert.ruleName}`;
  if (target === null) return <span className="muted">—</span>;
  return 'path' in target ? (
    <Link to={target.path} aria-label={label}>
      {text} →
    </Link>
  ) : (
    <a href={target.href} aria-label={label} rel="noreferrer">
      {text} →
    </a>
  );
}
