import type { AlertRule } from '@eventscope/shared';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { useAlertRules, useDeleteRule } from '../../hooks/useAlertRules';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useCan } from '../../hooks/useSession';
import { formatDuration } from '../../lib/format';
import { SeverityBadge } from './AlertBits';
import { formatMetricValue, METRICS } from './metrics';
import { describeCondition } from './ruleForm';
import { QueryTable } from '../../components/QueryTable';

const HEALTH = {
  ok: { role: 'ok', word: 'ok' },
  nodata: { role: 'unknown', word: 'no data' },
  error: { role: 'crit', word: 'error' },
} as const;

function RuleRow({
  rule,
  search,
  onDelete,
}: {
  rule: AlertRule;
  search: string;
  onDelete?: (rule: AlertRule) => void;
}) {
  const info = METRICS[rule.metric];
  const health = HEALTH[rule.health];
  const matchers = Object.entries(rule.matchers);
  return (
    <tr className={rule.enabled ? undefined : 'row-disabled'}>
      <td>
        {onDelete ? (
          <Link to={`/alerts/rules/${encodeURIComponent(rule.id)}${search}`}>{rule.name}</Link>
        ) : (
          rule.name
        )}
        {rule.seeded ? (
          <span className="badge badge-tag" title="One of the defaults, editable like any rule">
            default
          </span>
        ) : null}
      </td>
      <td>{info.label}</td>
      <td className="num">
        {describeCondition(rule, (v) => formatMetricValue(info.unit, v))}
        {rule.forSeconds > 0 ? (
          <span className="muted"> for {formatDuration(rule.forSeconds)}</span>
        ) : null}
      </td>
      <td>
        {matchers.length === 0 ? (
          <span className="muted">all</span>
        ) : (
          <span className="label-chips">
            {matchers.map(([k, v]) => (
              <span key={k} className="label-chip mono">
                {k}={v}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>
        <SeverityBadge severity={rule.severity} />
      </td>
      <td>
        {rule.enabled ? (
          <span className={`badge role-${health.role}`} title={rule.lastError ?? undefined}>
            {health.word}
          </span>
        ) : (
          <span className="badge role-muted">disabled</span>
        )}
      </td>
      {onDelete ? (
        <td className="cell-actions">
          <button
            type="button"
            className="btn btn-quiet btn-danger-text"
            aria-label={`Delete rule ${rule.name}`}
            onClick={() => onDelete(rule)}
          >
            Delete
          </button>
        </td>
      ) : null}
    </tr>
  );
}

/** Every rule with its condition in words; admins edit, create and delete. */
export function RulesPage() {
  const rules = useAlertRules();
  const isAdmin = useCan('admin');
  const remove = useDeleteRule();
  const [target, setTarget] = useState<AlertRule | null>(null);
  const search = globalSearch(useLocation().search);

  const close = () => {
    remove.reset();
    setTarget(null);
  };

  const body = (
    <QueryTable
      query={rules}
      loading="Loading rules"
      error="Cannot load alert rules"
      empty={
        <EmptyState title="No alert rules">
          The defaults (lag over 60 s, DLQ depth over 100, …) are created on first start; an admin
          can add rules here.
        </EmptyState>
      }
    >
      {(rows) => (
        <table className="table" aria-label="Alert rules">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Metric</th>
              <th scope="col">Condition</th>
              <th scope="col">Matchers</th>
              <th scope="col">Severity</th>
              <th scope="col">Health</th>
              {isAdmin ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {[...rows]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((rule) => (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  search={search}
                  onDelete={isAdmin ? setTarget : undefined}
                />
              ))}
          </tbody>
        </table>
      )}
    </QueryTable>
  );

  return (
    <>
      {isAdmin ? (
        <p>
          <Link className="btn" to={`/alerts/rules/new${search}`}>
            New rule
          </Link>
        </p>
      ) : null}
      {body}
      {target ? (
        <ConfirmDialog
          title={`Delete the rule “${target.name}”?`}
          confirmLabel={remove.isPending ? 'Deleting…' : `Delete ${target.name}`}
          busy={remove.isPending}
          error={remove.error}
          onCancel={close}
          onConfirm={() => remove.mutate(target.id, { onSuccess: close })}
        >
          Its alerts resolve and stop notifying. Disabling it instead keeps it for later.
        </ConfirmDialog>
      ) : null}
    </>
  );
}
