import {
  AlertMetricSchema,
  ComparisonSchema,
  SeveritySchema,
  type AlertMetric,
  type AlertRuleInput,
  type MatcherLabel,
} from '@eventscope/shared';
import { useState, type FormEvent } from 'react';
import { describedBy, FormField } from '../../components/FormField';
import { errorAt, unplacedErrors, type FieldErrors } from './fieldErrors';
import { DURATION_SCALES, METRICS, UNIT_SCALES } from './metrics';
import { QuantityInput } from './QuantityInput';
import { GROUP_STATUSES, ruleInputFromDraft, type RuleDraft } from './ruleForm';
import { FormFooter } from './FormFooter';

/** Every field a rule 400 can name; anything else is listed above the buttons. */
const FIELDS = [
  'name',
  'metric',
  'matchers',
  'op',
  'threshold',
  'statuses',
  'windowSeconds',
  'forSeconds',
  'keepFiringForSeconds',
  'severity',
  'labels',
  'annotations.summary',
  'annotations.description',
  'annotations.runbookUrl',
  'enabled',
] as const;

interface RuleFormProps {
  initial: RuleDraft;
  submitLabel: string;
  busy: boolean;
  /** From the api's 400: shown next to the fields they name. */
  serverErrors: FieldErrors;
  /** A failure that names no field (403, 409, network). */
  failure: string | null;
  onSubmit: (input: AlertRuleInput) => void;
  onCancel: () => void;
}

/** The rule editor over AlertRuleInputSchema: checked locally, then by the api. */
export function RuleForm(props: RuleFormProps) {
  const { initial, submitLabel, busy, serverErrors, failure, onSubmit, onCancel } = props;
  const [draft, setDraft] = useState(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...localErrors, ...serverErrors };
  const set = (change: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...change }));
  type TextKey = 'name' | 'summary' | 'description' | 'runbookUrl';
  const setText = (key: TextKey, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const info = METRICS[draft.metric];
  const isStatus = draft.metric === 'groupStatus';
  const scales = UNIT_SCALES[info.unit];
  // Labels this metric's series carry, plus any the rule already matches on.
  const matcherLabels = [
    ...info.labels,
    ...(Object.keys(draft.matchers) as MatcherLabel[]).filter((l) => !info.labels.includes(l)),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = ruleInputFromDraft(draft);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    setLocalErrors({});
    onSubmit(checked.input);
  };

  const field = (name: string) => errorAt(errors, name);
  const text = (
    id: string,
    name: string,
    label: string,
    key: TextKey,
    extra: { hint?: string; placeholder?: string; multiline?: boolean } = {},
  ) => {
    const error = field(name);
    const common = {
      id,
      value: draft[key],
      placeholder: extra.placeholder,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(id, error, extra.hint),
    };
    return (
      <FormField id={id} label={label} error={error} hint={extra.hint}>
        {extra.multiline ? (
          <textarea {...common} rows={2} onChange={(e) => setText(key, e.target.value)} />
        ) : (
          <input {...common} onChange={(e) => setText(key, e.target.value)} />
        )}
      </FormField>
    );
  };
  const extra = unplacedErrors(errors, FIELDS);

  return (
    <form className="form rule-form" onSubmit={submit} noValidate aria-label="Alert rule">
      {text('rule-name', 'name', 'Name', 'name', { placeholder: 'e.g. Payments lag' })}
      <div className="form-row">
        <FormField id="rule-metric" label="Metric" error={field('metric')}>
          <select
            id="rule-metric"
            value={draft.metric}
            onChange={(e) => {
              const metric = e.target.value as AlertMetric;
              // A new unit: the old "60 s" means nothing as bytes; start at the unit itself.
              set({ metric, threshold: { ...draft.threshold, factor: 1 } });
            }}
          >
            {AlertMetricSchema.options.map((m) => (
              <option key={m} value={m}>
                {METRICS[m].label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="rule-severity" label="Severity" error={field('severity')}>
          <select
            id="rule-severity"
            value={draft.severity}
            onChange={(e) => set({ severity: e.target.value as RuleDraft['severity'] })}
          >
            {SeveritySchema.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <fieldset className="form-row">
        <legend>Which series (empty = all)</legend>
        {matcherLabels.map((label) => {
          const id = `rule-matcher-${label}`;
          const error = field(`matchers.${label}`);
          const hint = 'payments, !=payments, =~pay.*';
          return (
            <FormField key={label} id={id} label={label} error={error} hint={hint}>
              <input
                id={id}
                className="mono"
                value={draft.matchers[label] ?? ''}
                onChange={(e) => set({ matchers: { ...draft.matchers, [label]: e.target.value } })}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy(id, error, hint)}
              />
            </FormField>
          );
        })}
        {errors.matchers ? <span className="field-error">{errors.matchers}</span> : null}
      </fieldset>
      {isStatus ? (
        <fieldset>
          <legend>Fires while the group status is one of</legend>
          <div className="chips" role="group" aria-label="Statuses">
            {GROUP_STATUSES.map((s) => (
              <label key={s} className="check">
                <input
                  type="checkbox"
                  checked={draft.statuses.includes(s)}
                  onChange={(e) =>
                    set({
                      statuses: e.target.checked
                        ? [...draft.statuses, s]
                        : draft.statuses.filter((x) => x !== s),
                    })
                  }
                />
                {s}
              </label>
            ))}
          </div>
          {field('statuses') ? <span className="field-error">{field('statuses')}</span> : null}
        </fieldset>
      ) : (
        <div className="form-row">
          <FormField id="rule-op" label="Fires when the value is" error={field('op')}>
            <select
              id="rule-op"
              value={draft.op}
              onChange={(e) => set({ op: e.target.value as RuleDraft['op'] })}
            >
              {ComparisonSchema.options.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
          </FormField>
          <QuantityInput
            id="rule-threshold"
            label="Threshold"
            value={draft.threshold}
            scales={scales}
            onChange={(threshold) => set({ threshold })}
            error={field('threshold')}
          />
        </div>
      )}
      <div className="form-row">
        <QuantityInput
          id="rule-for"
          label="For"
          hint="pending this long before firing"
          value={draft.forDuration}
          scales={DURATION_SCALES}
          onChange={(forDuration) => set({ forDuration })}
          error={field('forSeconds')}
        />
        <QuantityInput
          id="rule-keep"
          label="Keep firing for"
          hint="after it clears, against flapping"
          value={draft.keepFiringFor}
          scales={DURATION_SCALES}
          onChange={(keepFiringFor) => set({ keepFiringFor })}
          error={field('keepFiringForSeconds')}
        />
        {info.windowed ? (
          <QuantityInput
            id="rule-window"
            label="Window"
            hint="default 5 min"
            placeholder="300"
            value={draft.window}
            scales={DURATION_SCALES}
            onChange={(window) => set({ window })}
            error={field('windowSeconds')}
          />
        ) : null}
      </div>
      <FormField
        id="rule-labels"
        label="Labels"
        error={field('labels')}
        hint="one name=value per line, e.g. team=payments (routes notifications)"
      >
        <textarea
          id="rule-labels"
          className="mono"
          rows={2}
          value={draft.labels}
          onChange={(e) => set({ labels: e.target.value })}
          aria-invalid={field('labels') ? true : undefined}
          aria-describedby={describedBy(
            'rule-labels',
            field('labels'),
            'one name=value per line, e.g. team=payments (routes notifications)',
          )}
        />
      </FormField>
      {text('rule-summary', 'annotations.summary', 'Summary', 'summary', {
        hint: 'template: {{labels.group}}, {{value}}, {{threshold}}, {{rule}}',
        placeholder: '{{labels.group}} is {{value}} s behind',
      })}
      {text('rule-description', 'annotations.description', 'Description', 'description', {
        multiline: true,
      })}
      {text('rule-runbook', 'annotations.runbookUrl', 'Runbook URL', 'runbookUrl', {
        placeholder: 'https://…',
      })}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        Enabled
      </label>
      <FormFooter
        failure={failure}
        unplaced={extra}
        busy={busy}
        submitLabel={submitLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
