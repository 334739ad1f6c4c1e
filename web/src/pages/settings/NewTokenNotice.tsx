import { useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** The secret of a token just created. It exists only here: the api never returns it again. */
export function NewTokenNotice({
  name,
  secret,
  onDone,
}: {
  name: string;
  secret: string;
  onDone: () => void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No clipboard permission (or an insecure origin): leave it selected for Ctrl+C.
      field.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="notice" role="region" aria-label={`New token ${name}`}>
      <p className="notice-title">Token “{name}” created</p>
      <p className="banner banner-warn">
        Copy it now: it will not be shown again. Anyone holding it can act with its role.
      </p>
      <div className="secret-row">
        <input
          ref={field}
          className="secret mono"
          readOnly
          value={secret}
          aria-label="Token secret"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn" onClick={() => void copySecret()}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="muted" aria-live="polite">
        {copy === 'failed'
          ? 'Could not reach the clipboard; the token is selected, copy it by hand.'
          : ''}
      </p>
    </div>
  );
}
