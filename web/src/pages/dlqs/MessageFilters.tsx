import type { DlqErrorClass } from '@eventscope/shared';
import { useId, useState, type FormEvent } from 'react';
import { FilterInput } from '../../components/FilterInput';
import type { MessageBrowse } from '../../hooks/useDlqMessages';
import { formatExact } from '../../lib/format';
import { shortClass } from './selection';
import { isBrowsingFrom, type BrowseChange } from './url';

interface PartitionRange {
  partition: number;
  start: string;
  end: string;
}

interface MessageFiltersProps {
  browse: MessageBrowse;
  onChange: (change: BrowseChange) => void;
  onClear: () => void;
  errorClasses: readonly DlqErrorClass[];
  partitions: readonly PartitionRange[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO → the value a datetime-local input shows, in the viewer's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A datetime-local value (the viewer's zone) → ISO, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const rangeText = (r: PartitionRange) => {
  const count = BigInt(r.end) - BigInt(r.start);
  return `${r.partition} (${count <= BigInt(Number.MAX_SAFE_INTEGER) ? formatExact(Number(count)) : count.toString()} records)`;
};

/** Jump to partition and offset: the offset applies on "Go", so typing does not refetch. */
function OffsetJump({ browse, onChange }: Pick<MessageFiltersProps, 'browse' | 'onChange'>) {
  const id = useId();
  const [text, setText] = useState(browse.offset ?? '');
  const [seen, setSeen] = useState(browse.offset);
  if (seen !== browse.offset) {
    setSeen(browse.offset);
    setText(browse.offset ?? '');
  }
  const valid = text === '' || /^\d{1,19}$/.test(text.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onChange({ offset: text.trim() || null });
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={`${id}-offset`} className="field-label">
        Offset
      </label>
      <input
        id={`${id}-offset`}
        className="mono offset-input"
        inputMode="numeric"
        placeholder={browse.partition === null ? 'partition first' : 'start at'}
        title={browse.partition === null ? 'Pick a partition to jump to an offset' : undefined}
        disabled={browse.partition === null}
        aria-invalid={valid ? undefined : true}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn" disabled={browse.partition === null || !valid}>
        Go
      </button>
    </form>
  );
}

/**
 * Order, jumps (partition/offset, time) and filters (error class, key, handled). All of it
 * lives in the URL; `/` focuses the key search.
 */
export function MessageFilters(props: MessageFiltersProps) {
  const { browse, onChange, onClear, errorClasses, partitions } = props;
  const id = useId();
  const classes = errorClasses.map((c) => c.class);
  if (browse.errorClass !== null && !classes.includes(browse.errorClass)) {
    classes.push(browse.errorClass);
  }
  const partitionOptions = partitions.map((p) => ({ partition: p.partition, label: rangeText(p) }));
  if (browse.partition !== null && !partitions.some((p) => p.partition === browse.partition)) {
    partitionOptions.push({ partition: browse.partition, label: String(browse.partition) });
  }

  return (
    <div className="filters msg-filters" role="search" aria-label="Dead letter filters">
      <span className="segmented" role="group" aria-label="Order">
        <button
          type="button"
          aria-pressed={browse.order === 'newest'}
          onClick={() => onChange({ order: 'newest' })}
        >
          Newest first
        </button>
        <button
          type="button"
          aria-pressed={browse.order === 'oldest'}
          onClick={() => onChange({ order: 'oldest' })}
        >
          Oldest first
        </button>
      </span>
      <FilterInput
        value={browse.key ?? ''}
        onChange={(key) => onChange({ key: key || null })}
        label="Key"
        placeholder="Exact key (press /)"
      />
      <span className="field">
        <label htmlFor={`${id}-class`} className="field-label">
          Error class
        </label>
        <select
          id={`${id}-class`}
          value={browse.errorClass ?? ''}
          onChange={(e) => onChange({ errorClass: e.target.value || null })}
        >
          <option value="">any</option>
          {classes.map((c) => (
            <option key={c} value={c} title={c}>
              {shortClass(c)}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${id}-partition`} className="field-label">
          Partition
        </label>
        <select
          id={`${id}-partition`}
          value={browse.partition ?? ''}
          onChange={(e) =>
            onChange({
              partition: e.target.value === '' ? null : Number(e.target.value),
              offset: null,
            })
          }
        >
          <option value="">all</option>
          {partitionOptions.map((p) => (
            <option key={p.partition} value={p.partition}>
              {p.label}
            </option>
          ))}
        </select>
      </span>
      <OffsetJump browse={browse} onChange={onChange} />
      <span className="field">
        <label htmlFor={`${id}-at`} className="field-label">
          {browse.order === 'newest' ? 'At or before' : 'At or after'}
        </label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          step={1}
          value={toLocalInput(browse.at)}
          onChange={(e) => onChange({ at: fromLocalInput(e.target.value) })}
        />
      </span>
      <label className="field">
        <input
          type="checkbox"
          checked={browse.includeHandled}
          onChange={(e) => onChange({ includeHandled: e.target.checked })}
        />
        Show replayed and discarded
      </label>
      {isBrowsingFrom(browse) || browse.order !== 'newest' ? (
        <button type="button" className="btn btn-quiet" onClick={onClear}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
