import { GroupStatusCodeSchema, type GroupStatusCode } from '@eventscope/shared';
import { FilterInput } from '../../components/FilterInput';
import { statusInfo } from '../../lib/status';

interface GroupFiltersProps {
  q: string;
  status: readonly GroupStatusCode[];
  onQ: (q: string) => void;
  onToggleStatus: (code: GroupStatusCode) => void;
}

/** Free text (`/` focuses it) and one chip per status; an empty chip set means every status. */
export function GroupFilters({ q, status, onQ, onToggleStatus }: GroupFiltersProps) {
  return (
    <div className="filters">
      <FilterInput
        value={q}
        onChange={onQ}
        label="Filter groups"
        placeholder="Filter groups and topics  ( / )"
      />
      <div className="chips" role="group" aria-label="Status filter">
        {GroupStatusCodeSchema.options.map((code) => {
          const info = statusInfo(code);
          const on = status.includes(code);
          return (
            <button
              key={code}
              type="button"
              className={`chip ${on ? `role-${info.role}` : ''}`}
              aria-pressed={on}
              title={info.tooltip}
              onClick={() => onToggleStatus(code)}
            >
              {info.word}
            </button>
          );
        })}
      </div>
    </div>
  );
}
