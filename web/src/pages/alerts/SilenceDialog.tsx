import { useState } from 'react';
import { toApiError } from '../../api/errors';
import { describedBy, FormField } from '../../components/FormField';
import { NO_ALERT_FILTERS, useAlerts, type AlertListParams } from '../../hooks/useAlerts';
import { useCreateSilence } from '../../hooks/useSilences';
import { matchesAll } from '../../lib/alertMatch';
import { apiFieldErrors, errorAt, unplacedErrors, type FieldErrors } from './fieldErrors';
import { FormDialog } from './FormDialog';
import { MatchersEditor } from './MatchersEditor';
import {
  emptySilence,
  SILENCE_DURATIONS,
  silenceInputFromDraft,
  type SilenceDraft,
  type SilenceDuration,
} from './silenceForm';

const ACTIVE: AlertListParams = { ...NO_ALERT_FILTERS, state: ['firing', 'pending'] };

/** How many firing or pending alerts the matchers catch now: a silence too wide is a risk. */
function MatchPreview({ draft }: { draft: SilenceDraft }) {
  const alerts = useAlerts(ACTIVE);
  if (!alerts.data) return null;
  const usable = draft.matchers.filter((m) => m.label.trim() !== '');
  if (usable.length === 0) return null;
  const n = alerts.data.filter((a) => matchesAll(usable, a.labels)).length;
  return (
    <p className="muted" aria-live="polite">
      Matches {n} firing or pending {n === 1 ? 'alert' : 'alerts'} now.
    </p>
  );
}

/**
 * A silence stops notifications for alerts matching every matcher until it ends. Prefilled
 * from the alert's labels (remove the ones that are too specific); a comment is required.
 */
export function SilenceDialog({
  labels = {},
  onClose,
}: {
  labels?: Readonly<Record<string, string>>;
  onClose: () => void;
}) {
  const create = useCreateSilence();
  const [draft, setDraft] = useState(() => emptySilence(labels));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = create.isError ? { ...localErrors, ...apiFieldErrors(create.error) } : localErrors;
  const set = (change: Partial<SilenceDraft>) => setDraft((d) => ({ ...d, ...change }));

  const submit = () => {
    const checked = silenceInputFromDraft(draft, Date.now());
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    setLocalErrors({});
    create.mutate(checked.input, { onSuccess: onClose });
  };

  const endsError = errorAt(errors, 'endsAt');
  const commentError = errorAt(errors, 'comment');
  const extra = unplacedErrors(errors, ['matchers', 'endsAt', 'comment', 'startsAt']);
  const failure =
    create.isError && Object.keys(apiFieldErrors(create.error)).length === 0
      ? toApiError(create.error).message
      : (extra[0] ?? null);
  const presetLabel = SILENCE_DURATIONS.find((d) => d.key === draft.duration)?.label;

  return (
    <FormDialog
      title="New silence"
      submitLabel={
        create.isPending ? 'Silencing…' : presetLabel ? `Silence for ${presetLabel}` : 'Silence'
      }
      busy={create.isPending}
      error={failure}
      onCancel={onClose}
      onSubmit={submit}
    >
      <MatchersEditor
        idPrefix="silence"
        matchers={draft.matchers}
        onChange={(matchers) => set({ matchers })}
        errors={errors}
        minRows={1}
      />
      <MatchPreview draft={draft} />
      <fieldset className="durations">
        <legend>Duration</legend>
        <div className="segmented" role="group" aria-label="Duration">
          {[...SILENCE_DURATIONS, { key: 'custom' as const, label: 'custom' }].map((d) => (
            <button
              key={d.key}
              type="button"
              aria-pressed={draft.duration === d.key}
              onClick={() => set({ duration: d.key as SilenceDuration })}
            >
              {d.label}
            </button>
          ))}
        </div>
        {draft.duration === 'custom' ? (
          <FormField id="silence-ends" label="Ends at (your time zone)" error={endsError}>
            <input
              id="silence-ends"
              type="datetime-local"
              value={draft.endsAtLocal}
              onChange={(e) => set({ endsAtLocal: e.target.value })}
              aria-invalid={endsError ? true : undefined}
              aria-describedby={describedBy('silence-ends', endsError)}
            />
          </FormField>
        ) : endsError ? (
          <span className="field-error">{endsError}</span>
        ) : null}
      </fieldset>
      <FormField id="silence-comment" label="Comment" error={commentError}>
        <textarea
          id="silence-comment"
          rows={2}
          maxLength={1000}
          required
          value={draft.comment}
          placeholder="Why, and until what: e.g. payments deploy, rollback in progress"
          onChange={(e) => set({ comment: e.target.value })}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={describedBy('silence-comment', commentError)}
        />
      </FormField>
    </FormDialog>
  );
}
