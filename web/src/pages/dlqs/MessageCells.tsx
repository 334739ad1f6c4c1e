import type { DlqMessage, HandledMark } from '@eventscope/shared';
import { formatTimeTitle } from '../../lib/format';
import { hexPreview, textPreview } from './payload';
import { shortClass } from './selection';

/** "replayed" / "discarded", with who and when on hover. */
export function HandledBadge({ mark }: { mark: HandledMark }) {
  const by = mark.by ? ` by ${mark.by}` : '';
  const replay = mark.replayId ? ` (replay ${mark.replayId})` : '';
  return (
    <span
      className="badge role-muted"
      title={`${mark.kind}${by}${replay}, ${formatTimeTitle(mark.at)}`}
    >
      {mark.kind}
    </span>
  );
}

/** A one-line look at the value: text as text, binary as its first bytes in hex. */
export function ValuePreview({ m }: { m: DlqMessage }) {
  if (m.value === null || m.valueEncoding === 'null') {
    return <span className="muted">null</span>;
  }
  if (m.valueEncoding === 'hex') {
    return (
      <span className="mono" title="Binary value: the first bytes in hex">
        <span className="badge badge-role">hex</span> {hexPreview(m.value)}
      </span>
    );
  }
  return <span className="mono">{textPreview(m.value)}</span>;
}

/** The exception's simple name, the full class and message on hover. */
export function ErrorCell({ m }: { m: DlqMessage }) {
  if (!m.error?.class) {
    return (
      <span className="muted">{m.error?.message ? textPreview(m.error.message, 40) : '—'}</span>
    );
  }
  const title = m.error.message ? `${m.error.class}: ${m.error.message}` : m.error.class;
  return (
    <span className="mono" title={title}>
      {shortClass(m.error.class)}
    </span>
  );
}

export function OriginCell({ m }: { m: DlqMessage }) {
  if (!m.origin) return <span className="muted">—</span>;
  const { topic, partition, offset } = m.origin;
  return (
    <span
      className="mono"
      title={`${topic}, partition ${partition ?? '?'}, offset ${offset ?? '?'}`}
    >
      {topic}
      <span className="muted">
        {' '}
        {partition ?? '?'}/{offset ?? '?'}
      </span>
    </span>
  );
}
