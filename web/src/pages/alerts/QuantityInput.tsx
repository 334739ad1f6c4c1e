import { describedBy, FormField } from '../../components/FormField';
import type { Quantity, Scale } from './metrics';

/**
 * A number with the unit it is typed in (60 s, 1 min, 1 MiB); the form converts to the
 * metric's base unit on submit. One scale shows as a plain suffix.
 */
export function QuantityInput({
  id,
  label,
  value,
  scales,
  onChange,
  error,
  hint,
  placeholder,
}: {
  id: string;
  label: string;
  value: Quantity;
  scales: readonly Scale[];
  onChange: (next: Quantity) => void;
  error: string | null;
  hint?: string;
  placeholder?: string;
}) {
  const only = scales.length === 1 ? scales[0] : undefined;
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      <span className="quantity">
        <input
          id={id}
          inputMode="decimal"
          className="num"
          value={value.amount}
          placeholder={placeholder}
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
        />
        {only ? (
          only.label ? (
            <span className="muted">{only.label}</span>
          ) : null
        ) : (
          <select
            aria-label={`${label} unit`}
            value={value.factor}
            onChange={(e) => onChange({ ...value, factor: Number(e.target.value) })}
          >
            {scales.map((s) => (
              <option key={s.label} value={s.factor}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </span>
    </FormField>
  );
}
