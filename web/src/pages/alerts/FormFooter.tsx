/**
 * The end of an editor form: errors no field shows (a network failure, a 409, a server 400
 * naming a field the form does not have), then Cancel and the submit button.
 */
export function FormFooter({
  failure,
  unplaced,
  busy,
  submitLabel,
  onCancel,
}: {
  failure: string | null;
  unplaced: readonly string[];
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {unplaced.length > 0 || failure ? (
        <div className="form-error" role="alert">
          {failure ? <p>{failure}</p> : null}
          {unplaced.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
