import { useEffect, useId, useRef, type ReactNode } from 'react';
import { toApiError } from '../api/errors';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** Says what the button does: "Revoke ci-deploy", never "OK". */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
}

/**
 * A modal confirmation on the native <dialog>: focus is trapped, Esc cancels, and focus goes
 * back to whatever opened it. Mount it to open it; unmount it to close it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, onConfirm, onCancel, busy = false, error } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Esc: let React state decide, so the dialog and its parent never disagree.
        event.preventDefault();
        if (!busy) onCancel();
      }}
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
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
