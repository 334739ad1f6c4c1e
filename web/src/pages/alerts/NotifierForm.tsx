import { NotifierTypeSchema, type NotifierInput, type NotifierType } from '@eventscope/shared';
import { useState, type FormEvent } from 'react';
import { describedBy, FormField } from '../../components/FormField';
import { errorAt, unplacedErrors, type FieldErrors } from './fieldErrors';
import { MatchersEditor } from './MatchersEditor';
import { DURATION_SCALES } from './metrics';
import { NEW_NOTIFIER, notifierInputFromDraft, type NotifierDraft } from './notifierForm';
import { QuantityInput } from './QuantityInput';
import { FormFooter } from './FormFooter';

const TYPE_LABEL: Record<NotifierType, string> = {
  webhook: 'Webhook (Alertmanager JSON, signed)',
  slack: 'Slack incoming webhook',
  pagerduty: 'PagerDuty Events v2',
};

const FIELDS = [
  'name',
  'type',
  'url',
  'secret',
  'routingKey',
  'sendResolved',
  'enabled',
  'matchers',
  'groupBy',
  'groupWaitSeconds',
  'groupIntervalSeconds',
  'repeatIntervalSeconds',
] as const;

interface NotifierFormProps {
  busy: boolean;
  serverErrors: FieldErrors;
  failure: string | null;
  onSubmit: (input: NotifierInput) => void;
  onCancel: () => void;
}

/** Where notifications go and which alerts reach it (the route), grouped and timed. */
export function NotifierForm({
  busy,
  serverErrors,
  failure,
  onSubmit,
  onCancel,
}: NotifierFormProps) {
  const [draft, setDraft] = useState<NotifierDraft>(NEW_NOTIFIER);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...localErrors, ...serverErrors };
  const set = (change: Partial<NotifierDraft>) => setDraft((d) => ({ ...d, ...change }));
  const field = (name: string) => errorAt(errors, name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = notifierInputFromDraft(draft);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    setLocalErrors({});
    onSubmit(checked.input);
  };

  const input = (
    id: string,
    name: 'name' | 'url' | 'secret' | 'routingKey' | 'groupBy',
    label: string,
    extra: { hint?: string; placeholder?: string; mono?: boolean } = {},
  ) => {
    const error = field(name);
    return (
      <FormField id={id} label={label} error={error} hint={extra.hint}>
        <input
          id={id}
          className={extra.mono ? 'mono' : undefined}
          value={draft[name]}
          placeholder={extra.placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, extra.hint)}
        />
      </FormField>
    );
  };
  const extra = unplacedErrors(errors, FIELDS);

  return (
    <form className="form notifier-form" onSubmit={submit} noValidate aria-label="New notifier">
      <div className="form-row">
        {input('notifier-name', 'name', 'Name', { placeholder: 'e.g. payments on-call' })}
        <FormField id="notifier-type" label="Type" error={field('type')}>
          <select
            id="notifier-type"
            value={draft.type}
            onChange={(e) => set({ type: e.target.value as NotifierType })}
          >
            {NotifierTypeSchema.options.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {input('notifier-url', 'url', draft.type === 'pagerduty' ? 'URL (optional)' : 'URL', {
        mono: true,
        placeholder:
          draft.type === 'slack'
            ? 'https://hooks.slack.com/services/…'
            : draft.type === 'pagerduty'
              ? 'https://events.pagerduty.com/v2/enqueue'
              : 'https://example.com/alerts',
        hint: 'http(s), no credentials in the URL',
      })}
      {draft.type === 'webhook'
        ? input('notifier-secret', 'secret', 'Signing secret (optional)', {
            mono: true,
            placeholder: 'whsec_…',
            hint: 'leave empty to generate one, shown once',
          })
        : null}
      {draft.type === 'pagerduty'
        ? input('notifier-routing-key', 'routingKey', 'Routing key', { mono: true })
        : null}
      <fieldset className="route">
        <legend>Route: which alerts, grouped how</legend>
        <MatchersEditor
          idPrefix="notifier"
          matchers={draft.matchers}
          onChange={(matchers) => set({ matchers })}
          errors={errors}
        />
        <p className="muted">No matchers: every alert reaches this notifier.</p>
        {input('notifier-group-by', 'groupBy', 'Group by', {
          mono: true,
          hint: 'label names, comma separated: one notification per group',
        })}
        <div className="form-row">
          <QuantityInput
            id="notifier-group-wait"
            label="Group wait"
            hint="before the first notification"
            value={draft.groupWait}
            scales={DURATION_SCALES}
            onChange={(groupWait) => set({ groupWait })}
            error={field('groupWaitSeconds')}
          />
          <QuantityInput
            id="notifier-group-interval"
            label="Group interval"
            hint="between updates of a group"
            value={draft.groupInterval}
            scales={DURATION_SCALES}
            onChange={(groupInterval) => set({ groupInterval })}
            error={field('groupIntervalSeconds')}
          />
          <QuantityInput
            id="notifier-repeat"
            label="Repeat interval"
            hint="re-send while still firing"
            value={draft.repeatInterval}
            scales={DURATION_SCALES}
            onChange={(repeatInterval) => set({ repeatInterval })}
            error={field('repeatIntervalSeconds')}
          />
        </div>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.sendResolved}
          onChange={(e) => set({ sendResolved: e.target.checked })}
        />
        Also notify when alerts resolve
      </label>
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
        submitLabel={busy ? 'Creating…' : 'Create notifier'}
        onCancel={onCancel}
      />
    </form>
  );
}
