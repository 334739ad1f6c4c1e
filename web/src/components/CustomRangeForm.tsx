import { useState, type FormEvent } from 'react';
import { checkCustomRange, fromLocalInput, toLocalInput, type CustomRange } from '../lib/timeRange';
import { describedBy, FormField } from './FormField';

interface CustomRangeFormProps {
  initial: CustomRange;
  onApply: (range: CustomRange) => void;
  onCancel: () => void;
}

/** From/to in the viewer's zone, checked before it reaches the URL (from < to, not future). */
export function CustomRangeForm({ initial, onApply, onCancel }: CustomRangeFormProps) {
  const [from, setFrom] = useState(() => toLocalInput(initial.from));
  const [to, setTo] = useState(() => toLocalInput(initial.to));
  const [error, setError] = useState<{ field: 'from' | 'to'; message: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCustomRange(fromLocalInput(from), fromLocalInput(to), Date.now());
    if (!checked.ok) {
      setError({ field: checked.field, message: checked.message });
      return;
    }
    setError(null);
    onApply(checked.range);
  };

  const fromError = error?.field === 'from' ? error.message : null;
  const toError = error?.field === 'to' ? error.message : null;
  return (
    <form
      className="range-form"
      aria-label="Custom time range"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <FormField id="range-from" label="From" error={fromError}>
        <input
          id="range-from"
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={fromError ? true : undefined}
          aria-describedby={describedBy('range-from', fromError)}
        />
      </FormField>
      <FormField id="range-to" label="To" error={toError}>
        <input
          id="range-to"
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={toError ? true : undefined}
          aria-describedby={describedBy('range-to', toError)}
        />
      </FormField>
      <p className="muted range-zone">Your time zone; the URL keeps UTC.</p>
      <div className="range-actions">
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary">
          Apply
        </button>
      </div>
    </form>
  );
}
