import type { AttributeValue, TimelineSpan } from '@eventscope/shared';
import { useEffect, type ReactNode } from 'react';
import { formatTimeTitle } from '../../lib/format';
import './drawer.css';
import { KINDS, segmentText } from './kinds';
import type { LinkRef, SpanRow } from './layout';
import { formatSpanMs } from './ticks';

interface SpanDrawerProps {
  row: SpanRow;
  onClose: () => void;
  onJump: (spanId: string) => void;
}

const MESSAGING_FIELDS: [keyof TimelineSpan['messaging'], string][] = [
  ['system', 'System'],
  ['operation', 'Operation'],
  ['destination', 'Topic'],
  ['partition', 'Partition'],
  ['offset', 'Offset'],
  ['key', 'Key'],
  ['consumerGroup', 'Consumer group'],
  ['conversationId', 'Conversation id'],
];

const showValue = (value: AttributeValue) =>
  Array.isArray(value) ? JSON.stringify(value) : String(value);

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function LinkList({
  title,
  refs,
  onJump,
}: {
  title: string;
  refs: LinkRef[];
  onJump: (id: string) => void;
}) {
  if (refs.length === 0) return null;
  return (
    <section>
      <h3 className="drawer-h">{title}</h3>
      <ul className="drawer-links">
        {refs.map((ref) => (
          <li key={`${ref.traceId}:${ref.spanId}`}>
            {ref.row === null ? (
              <span className="mono" title={`trace ${ref.traceId}`}>
                {ref.label} <span className="muted">(not in this timeline)</span>
              </span>
            ) : (
              <button type="button" className="btn btn-quiet" onClick={() => onJump(ref.spanId)}>
                {ref.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Everything known about one span. Esc closes it (UI.md "Keyboard"). */
export function SpanDrawer({ row, onClose, onJump }: SpanDrawerProps) {
  const { span } = row;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const kind = KINDS[span.kind];
  const messaging = MESSAGING_FIELDS.filter(([key]) => span.messaging[key] !== undefined);
  const attributes = Object.entries(span.attributes).sort(([a], [b]) => (a < b ? -1 : 1));
  const titleId = `drawer-title-${span.spanId}`;

  return (
    <aside className="drawer" role="dialog" aria-labelledby={titleId}>
      <header className="drawer-head">
        <div>
          <p className="drawer-service">{span.service}</p>
          <h2 id={titleId} className="drawer-title">
            {span.name}
          </h2>
        </div>
        <button type="button" className="btn" onClick={onClose} title="Close (Esc)">
          Close
        </button>
      </header>
      {row.error ? (
        <p className="drawer-error" role="status">
          ✕ error{span.status.message ? `: ${span.status.message}` : ''}
        </p>
      ) : null}
      <dl className="drawer-facts">
        <Fact term="Kind">
          {kind.glyph} {kind.word}
        </Fact>
        <Fact term="Duration">
          <span className="num">{formatSpanMs(span.durationMs)}</span>
        </Fact>
        <Fact term="Starts at">
          <span className="num">+{formatSpanMs(span.offsetMs)}</span>{' '}
          <span className="muted" title={formatTimeTitle(span.startedAt)}>
            {span.startedAt}
          </span>
        </Fact>
        <Fact term="Status">
          {span.status.code}
          {span.status.message && !row.error ? `: ${span.status.message}` : ''}
        </Fact>
        <Fact term="Source">
          {span.source === 'otlp'
            ? 'otlp (exported by the service)'
            : 'broker (hop span from a record)'}
        </Fact>
        <Fact term="Clock skew">
          {span.shiftedByMs > 0 ? `shifted +${formatSpanMs(span.shiftedByMs)}` : 'as recorded'}
        </Fact>
        {row.wait ? (
          <Fact term="Queue wait">
            {formatSpanMs(row.wait.waitMs)}
            {row.wait.topic ? ` on ${row.wait.topic}` : ''}
          </Fact>
        ) : null}
        {row.segment ? <Fact term="Segment">{segmentText(row.segment)}</Fact> : null}
        {row.critical ? <Fact term="Critical path">on it</Fact> : null}
        <Fact term="Trace id">
          <code>{span.traceId}</code>
        </Fact>
        <Fact term="Span id">
          <code>{span.spanId}</code>
        </Fact>
        {span.parentSpanId ? (
          <Fact term="Parent">
            <button
              type="button"
              className="btn btn-quiet mono"
              onClick={() => onJump(span.parentSpanId ?? '')}
            >
              {span.parentSpanId}
            </button>
          </Fact>
        ) : null}
        {span.correlationIds.length > 0 ? (
          <Fact term="Correlation">
            <span className="mono">{span.correlationIds.join(', ')}</span>
          </Fact>
        ) : null}
      </dl>
      {messaging.length > 0 ? (
        <section>
          <h3 className="drawer-h">Messaging</h3>
          <dl className="drawer-facts">
            {messaging.map(([key, label]) => (
              <Fact key={key} term={label}>
                <span className="mono">{String(span.messaging[key])}</span>
              </Fact>
            ))}
          </dl>
        </section>
      ) : null}
      <LinkList title="Links to" refs={row.linksTo} onJump={onJump} />
      <LinkList title="Linked from" refs={row.linkedFrom} onJump={onJump} />
      <section>
        <h3 className="drawer-h">Attributes</h3>
        {attributes.length === 0 ? (
          <p className="muted">No attributes.</p>
        ) : (
          <table className="table drawer-attrs" aria-label="Attributes">
            <tbody>
              {attributes.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className="mono">
                    {key}
                  </th>
                  <td className="mono">{showValue(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </aside>
  );
}
