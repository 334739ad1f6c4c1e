import type { ReactNode } from 'react';
import { toApiError } from '../api/errors';
import { useModalDialog } from './useModalDialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** Says what the button does: "Revoke ci-deploy", "Replay 1,204 messages to payments", never "OK". */
  confirmLabel: string;
  /** E.g. until a dry run has answered, there is nothing to confirm. */
  confirmDisabled?: boolean;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  tone?: 'danger' | 'primary';
  /** Room for a summary table (the replay dialog). */
  wide?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: focus is trapped, Esc cancels, and focus goes
 * back to whatever opened it. Mount it to open it; unmount it to close it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, onConfirm, onCancel, busy = false, error } = props;
  const { confirmDisabled = false, cancelLabel = 'Cancel', tone = 'danger', wide = false } = props;
  const { ref, titleId, onCancel: escape } = useModalDialog(onCancel, busy);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={escape}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      {error ? (
        <p className="form-error" role="alert">
          {toApiError(error).message}
        </p>
      ) : null}
      <div className="dialog-actions">
        {/* The safe choice has the focus. */}
        <button type="button" className="btn" autoFocus onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'btn btn-danger' : 'btn btn-primary'}
          onClick={onConfirm}
          disabled={busy || confirmDisabled}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
