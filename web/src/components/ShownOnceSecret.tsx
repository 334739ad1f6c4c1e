import { useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A secret just created (an API token, a notifier's signing secret). It exists only here: the
 * api never returns it again, so the notice offers a copy button and says so.
 */
export function ShownOnceSecret({
  region,
  title,
  warning,
  field: fieldLabel,
  secret,
  onDone,
}: {
  /** Accessible name of the notice, e.g. "New token deploy-bot". */
  region: string;
  title: string;
  warning: string;
  /** Accessible name of the secret's field, e.g. "Token secret". */
  field: string;
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
    <div className="notice" role="region" aria-label={region}>
      <p className="notice-title">{title}</p>
      <p className="banner banner-warn">{warning}</p>
      <div className="secret-row">
        <input
          ref={field}
          className="secret mono"
          readOnly
          value={secret}
          aria-label={fieldLabel}
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
          ? `Could not reach the clipboard; the ${fieldLabel.toLowerCase()} is selected, copy it by hand.`
          : ''}
      </p>
    </div>
  );
}
