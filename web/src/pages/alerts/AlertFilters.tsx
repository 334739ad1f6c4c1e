import {
  AlertStateSchema,
  SeveritySchema,
  type AlertState,
  type Severity,
} from '@eventscope/shared';
import { FilterInput } from '../../components/FilterInput';
import type { AlertListParams } from '../../hooks/useAlerts';
import { statusInfo } from '../../lib/status';
import { isLabelFilter } from './url';

const SEVERITY_ROLE: Record<Severity, string> = {
  critical: 'crit',
  warning: 'warn',
  info: 'empty',
};

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** State and severity chips (none pressed = all), label pairs, and what to do with silenced. */
export function AlertFilters({
  filters,
  onChange,
}: {
  filters: AlertListParams;
  onChange: (next: AlertListParams, replace?: boolean) => void;
}) {
  const labelsOk = isLabelFilter(filters.labels);
  return (
    <div className="filters alert-filters">
      <div className="chips" role="group" aria-label="State filter">
        {AlertStateSchema.options.map((state: AlertState) => {
          const info = statusInfo(state);
          const on = filters.state.includes(state);
          return (
            <button
              key={state}
              type="button"
              className={`chip ${on ? `role-${info.role}` : ''}`}
              aria-pressed={on}
              title={info.tooltip}
              onClick={() => onChange({ ...filters, state: toggle(filters.state, state) })}
            >
              {info.word}
            </button>
          );
        })}
      </div>
      <div className="chips" role="group" aria-label="Severity filter">
        {SeveritySchema.options.map((severity: Severity) => {
          const on = filters.severity.includes(severity);
          return (
            <button
              key={severity}
              type="button"
              className={`chip ${on ? `role-${SEVERITY_ROLE[severity]}` : ''}`}
              aria-pressed={on}
              onClick={() => onChange({ ...filters, severity: toggle(filters.severity, severity) })}
            >
              {severity}
            </button>
          );
        })}
      </div>
      <FilterInput
        value={filters.labels}
        onChange={(labels) => onChange({ ...filters, labels }, true)}
        label="Filter by labels"
        placeholder="cluster=local,group=payments  ( / )"
      />
      {labelsOk ? null : (
        <span className="field-error" role="status">
          Use label=value pairs separated by commas
        </span>
      )}
      <label className="field">
        <span className="field-label">Silenced</span>
        <select
          value={filters.silenced}
          onChange={(e) =>
            onChange({ ...filters, silenced: e.target.value as AlertListParams['silenced'] })
          }
        >
          <option value="">shown</option>
          <option value="false">hidden</option>
          <option value="true">only</option>
        </select>
      </label>
    </div>
  );
}
