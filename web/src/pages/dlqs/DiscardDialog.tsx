import { useId, useMemo, useState } from 'react';
import { toApiError } from '../../api/errors';
import { FormField } from '../../components/FormField';
import { useDiscard, useDiscardDryRun, type MessageBrowse } from '../../hooks/useDlqMessages';
import { formatExact } from '../../lib/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectionChooser } from './SelectionChooser';
import {
  describeSelection,
  discardLabel,
  messages,
  selectionFor,
  type RecordRef,
  type SelectionMode,
} from './selection';

interface DiscardDialogProps {
  cluster: string;
  dlq: string;
  selected: readonly RecordRef[];
  browse: MessageBrowse;
  initialMode: SelectionMode;
  onClose: () => void;
  onDiscarded: (count: number) => void;
}

/**
 * Marks dead letters as handled without replaying them. A dry run counts them first; the
 * confirm button names that count.
 */
export function DiscardDialog(props: DiscardDialogProps) {
  const { cluster, dlq, selected, browse, initialMode, onClose, onDiscarded } = props;
  const id = useId();
  const [mode, setMode] = useState<SelectionMode>(initialMode);
  const [comment, setComment] = useState('');
  const selection = useMemo(() => selectionFor(mode, selected, browse), [mode, selected, browse]);
  const dryRun = useDiscardDryRun(cluster, dlq, selection);
  const discard = useDiscard(cluster, dlq);
  const count = dryRun.data?.discarded ?? 0;

  let confirmLabel = 'Waiting for the dry run…';
  if (dryRun.data) confirmLabel = discardLabel(count);
  else if (dryRun.isError) confirmLabel = 'Dry run failed';

  return (
    <ConfirmDialog
      wide
      title={`Discard dead letters in ${dlq}`}
      confirmLabel={confirmLabel}
      confirmDisabled={!dryRun.data || count === 0}
      busy={discard.isPending}
      error={discard.error}
      onCancel={onClose}
      onConfirm={() => {
        if (!dryRun.data) return;
        const trimmed = comment.trim();
        discard.mutate(
          { selection, ...(trimmed ? { comment: trimmed } : {}) },
          { onSuccess: (result) => onDiscarded(result.discarded) },
        );
      }}
    >
      <SelectionChooser
        dlq={dlq}
        mode={mode}
        onMode={setMode}
        selectedCount={selected.length}
        browse={browse}
      />
      <FormField id={`${id}-comment`} label="Why (kept in the audit log)">
        <input
          id={`${id}-comment`}
          value={comment}
          maxLength={1000}
          onChange={(e) => setComment(e.target.value)}
        />
      </FormField>
      <section className="dry-run" aria-label="Dry run" aria-live="polite">
        <h3 className="dry-run-title">Dry run</h3>
        {dryRun.isError && !dryRun.data ? (
          <p className="form-error" role="alert">
            {toApiError(dryRun.error).message}
          </p>
        ) : dryRun.data ? (
          <p>
            {messages(count)} would be marked discarded
            {dryRun.data.alreadyHandled > 0
              ? `; ${formatExact(dryRun.data.alreadyHandled)} already replayed or discarded stay as they are`
              : ''}
            . They stay in <span className="mono">{dlq}</span> until retention removes them, no
            longer count in its depth, and replays skip them.
          </p>
        ) : (
          <p className="muted" aria-busy="true">
            Counting {describeSelection(selection, dlq)}…
          </p>
        )}
      </section>
    </ConfirmDialog>
  );
}
