import { useEffect, useId, useRef, type SyntheticEvent } from 'react';

/**
 * The native <dialog> as a modal that React state owns: opened on mount (focus trapped),
 * closed on unmount with the focus back on whatever opened it, and Esc reported through
 * `onCancel` (unless busy) instead of closing by itself, so dialog and parent never disagree.
 */
export function useModalDialog(onCancel: () => void, busy: boolean) {
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

  const cancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    if (!busy) onCancel();
  };

  return { ref, titleId, onCancel: cancel };
}
