import type { FormEvent, ReactNode } from 'react';
import { useModalDialog } from '../../components/useModalDialog';

interface FormDialogProps {
  title: string;
  children: ReactNode;
  /** Says what the button does: "Silence for 4 h", never "OK". */
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** A message no field shows (network, 403, 409…). */
  error?: string | null;
}

/**
 * A modal form on the native <dialog>, like ConfirmDialog: focus is trapped, Esc cancels and
 * focus returns to the opener. Mount it to open it; unmount it to close it.
 */
export function FormDialog(props: FormDialogProps) {
  const { title, children, submitLabel, onSubmit, onCancel, busy = false, error } = props;
  const { ref, titleId, onCancel: escape } = useModalDialog(onCancel, busy);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };

  return (
    <dialog ref={ref} className="dialog dialog-form" aria-labelledby={titleId} onCancel={escape}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body form">{children}</div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
