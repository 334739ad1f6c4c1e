import { useRef, useState, type FormEvent } from 'react';
import { useSlashFocus } from '../../hooks/useSlashFocus';
import type { TraceFilters } from '../../hooks/useTraces';
import { hasFilters, NO_FILTERS, normalizeFilters } from './url';

interface TraceSearchFormProps {
  filters: TraceFilters;
  rangeLabel: string;
  onApply: (filters: TraceFilters) => void;
}

/** Edits locally, applies on Enter: one request per search, not per keystroke. */
export function TraceSearchForm({ filters, rangeLabel, onApply }: TraceSearchFormProps) {
  const [draft, setDraft] = useState(filters);
  const idBox = useRef<HTMLInputElement>(null);
  useSlashFocus(idBox);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(normalizeFilters(draft));
  };
  const edit = (patch: Partial<TraceFilters>) => setDraft({ ...draft, ...patch });

  return (
    <form className="filters trace-search" onSubmit={submit} aria-label="Search traces">
      <label className="field">
        <span className="field-label">Trace or correlation id</span>
        <input
          ref={idBox}
          type="search"
          name="id"
          className="filter-input mono"
          value={draft.id}
          placeholder="trace id or correlation id"
          title="A 32-hex trace id or any correlation id. Press / to jump here."
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => edit({ id: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">Service</span>
        <input
          name="service"
          value={draft.service}
          placeholder="e.g. payments"
          onChange={(e) => edit({ service: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">Topic</span>
        <input
          name="topic"
          value={draft.topic}
          placeholder="e.g. payments-dlt"
          onChange={(e) => edit({ topic: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">Min duration (ms)</span>
        <input
          name="minDurationMs"
          type="number"
          min={0}
          inputMode="numeric"
          className="trace-min"
          value={draft.minDurationMs}
          onChange={(e) => edit({ minDurationMs: e.target.value })}
        />
      </label>
      <label className="field">
        <input
          type="checkbox"
          name="hasError"
          checked={draft.hasError}
          onChange={(e) => edit({ hasError: e.target.checked })}
        />
        <span>Only with errors</span>
      </label>
      <button type="submit" className="btn btn-primary">
        Search
      </button>
      {hasFilters(filters) ? (
        <button type="button" className="btn btn-quiet" onClick={() => onApply(NO_FILTERS)}>
          Clear
        </button>
      ) : null}
      <span className="muted trace-range">in {rangeLabel} (time range at the top)</span>
    </form>
  );
}
