import { errorAt, type FieldErrors } from './fieldErrors';
import { MATCHER_OPS, nextMatcherId, type MatcherDraft, type MatcherOp } from './silenceForm';

const OP_TITLES: Record<MatcherOp, string> = {
  '=': 'equals',
  '!=': 'does not equal',
  '=~': 'matches the regular expression',
  '!~': 'does not match the regular expression',
};

/**
 * Label matchers as rows (label, operator, value), for silences and notifier routes. Errors
 * come keyed `matchers.<row>…` like the api's 400s and show on their row.
 */
export function MatchersEditor({
  idPrefix,
  matchers,
  onChange,
  errors,
  minRows = 0,
}: {
  idPrefix: string;
  matchers: readonly MatcherDraft[];
  onChange: (next: MatcherDraft[]) => void;
  errors: FieldErrors;
  /** Silences need one matcher at least; a route with none matches every alert. */
  minRows?: number;
}) {
  const update = (id: number, change: Partial<MatcherDraft>) =>
    onChange(matchers.map((m) => (m.id === id ? { ...m, ...change } : m)));
  const groupError = errors.matchers ?? null;
  return (
    <fieldset className="matchers">
      <legend>Matchers</legend>
      {matchers.map((m, index) => {
        const id = `${idPrefix}-m${m.id}`;
        const error = errorAt(errors, `matchers.${index}`);
        return (
          <div key={m.id} className="matcher-row">
            <input
              id={`${id}-label`}
              className="mono"
              aria-label={`Matcher ${index + 1} label`}
              placeholder="label"
              value={m.label}
              onChange={(e) => update(m.id, { label: e.target.value })}
              aria-invalid={error ? true : undefined}
            />
            <select
              aria-label={`Matcher ${index + 1} operator`}
              value={m.op}
              title={OP_TITLES[m.op]}
              onChange={(e) => update(m.id, { op: e.target.value as MatcherOp })}
            >
              {MATCHER_OPS.map((op) => (
                <option key={op} value={op} title={OP_TITLES[op]}>
                  {op}
                </option>
              ))}
            </select>
            <input
              id={`${id}-value`}
              className="mono"
              aria-label={`Matcher ${index + 1} value`}
              placeholder="value"
              value={m.value}
              onChange={(e) => update(m.id, { value: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <button
              type="button"
              className="btn btn-quiet"
              aria-label={`Remove matcher ${m.label || index + 1}`}
              disabled={matchers.length <= minRows}
              onClick={() => onChange(matchers.filter((x) => x.id !== m.id))}
            >
              ✕
            </button>
            {error ? (
              <span id={`${id}-error`} className="field-error matcher-error">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-quiet"
        onClick={() =>
          onChange([...matchers, { id: nextMatcherId(matchers), label: '', op: '=', value: '' }])
        }
      >
        + Add matcher
      </button>
      {groupError ? <span className="field-error">{groupError}</span> : null}
    </fieldset>
  );
}
