import type { ReactNode } from 'react';

/**
 * A labelled field with its error or hint below. The message is outside the <label>, so the
 * field's accessible name stays "Password" while its description says what is wrong.
 * Give the control `id` and `aria-describedby={describedBy(id, error, hint)}`.
 */
export function FormField(props: {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  children: ReactNode;
}) {
  const { id, label, error, hint, children } = props;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, error?: string | null, hint?: string): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}
