import type { PayloadEncoding } from '@eventscope/shared';
import { useState } from 'react';
import { hexDump, prettyJson, utf8Hex } from './payload';

type View = 'pretty' | 'text' | 'hex';

const VIEWS: Record<PayloadEncoding, View[]> = {
  json: ['pretty', 'text', 'hex'],
  text: ['text', 'hex'],
  hex: ['hex'],
  null: [],
};

const LABEL: Record<View, string> = { pretty: 'Pretty', text: 'Text', hex: 'Hex' };

function render(view: View, value: string, encoding: PayloadEncoding): string {
  if (view === 'pretty') return prettyJson(value);
  if (view === 'text') return encoding === 'json' ? JSON.stringify(safeParse(value)) : value;
  return hexDump(encoding === 'hex' ? value : utf8Hex(value));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Copies what is on screen; says so for a moment, or says it could not. */
function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="btn" aria-label={`Copy ${what}`} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/**
 * A value in the views its encoding allows: JSON pretty or compact, text, and a hex dump.
 * Binary values (encoding `hex`) are only ever shown as hex: decoding them as text would lie.
 */
export function PayloadView(props: {
  label: string;
  value: string | null;
  encoding: PayloadEncoding;
  truncated?: boolean;
}) {
  const { label, value, encoding, truncated = false } = props;
  const views = VIEWS[encoding];
  const [chosen, setChosen] = useState<View | null>(null);
  const view = chosen && views.includes(chosen) ? chosen : views[0];

  if (value === null || view === undefined) {
    return <p className="muted">null (a tombstone or no {label.toLowerCase()})</p>;
  }
  const shown = render(view, value, encoding);
  return (
    <div className="payload">
      <div className="payload-bar">
        <span className="segmented" role="group" aria-label={`${label} view`}>
          {views.map((v) => (
            <button key={v} type="button" aria-pressed={v === view} onClick={() => setChosen(v)}>
              {LABEL[v]}
            </button>
          ))}
        </span>
        <CopyButton text={shown} what={label.toLowerCase()} />
      </div>
      {view === 'hex' && encoding !== 'hex' ? (
        <p className="muted payload-note">
          UTF-8 bytes of the text as shown (masked fields stay masked).
        </p>
      ) : null}
      <pre
        className="payload-body"
        aria-label={`${label} (${LABEL[view].toLowerCase()})`}
        tabIndex={0}
      >
        {shown}
      </pre>
      {truncated ? (
        <p className="muted payload-note">Cut to the display limit; a replay copies every byte.</p>
      ) : null}
    </div>
  );
}
