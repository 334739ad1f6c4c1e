import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../../hooks/useAudit';

/** Actions the api records today; the field also accepts anything else. */
const KNOWN_ACTIONS = ['session.create', 'token.create', 'token.revoke', 'user.create'];

/** Edits locally, applies on Enter: one request per search, not per keystroke. */
export function AuditFiltersForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const active = filters.action !== '' || filters.actor !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the audit log">
      <label className="field">
        <span className="field-label">Action</span>
        <input
          name="action"
          list="audit-actions"
          value={draft.action}
          placeholder="e.g. token.create"
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field-label">Actor</span>
        <input
          name="actor"
          value={draft.actor}
          placeholder="e.g. user:alice"
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
        />
      </label>
      <button type="submit" className="btn">
        Filter
      </button>
      {active ? (
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => onApply({ action: '', actor: '' })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
