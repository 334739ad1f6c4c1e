import type { DlqMessage } from '@eventscope/shared';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import '../../components/timeline/drawer.css';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { globalSearch } from '../../hooks/useGlobalParams';
import { formatTimeTitle } from '../../lib/format';
import { groupHref, topicHref } from '../../lib/links';
import { traceHref } from '../traces/url';
import { HeadersTable } from './HeadersTable';
import { HandledBadge } from './MessageCells';
import { PayloadView } from './PayloadView';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Esc closes the drawer, unless a dialog above it takes the key. */
function useEscape(onClose: () => void) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
}

interface MessageDrawerProps {
  cluster: string;
  dlq: string;
  /** undefined while loading; null when the record is not (or no longer) in the DLQ. */
  message: DlqMessage | null | undefined;
  id: string;
  onClose: () => void;
  /** Set for operators: act on this one record. */
  onReplay?: (m: DlqMessage) => void;
  onDiscard?: (m: DlqMessage) => void;
}

function Origin({ cluster, m, search }: { cluster: string; m: DlqMessage; search: string }) {
  if (!m.origin) return <span className="muted">unknown: no dead-letter headers</span>;
  const { topic, partition, offset } = m.origin;
  return (
    <>
      <Link className="mono" to={`${topicHref(cluster, topic)}${search}`}>
        {topic}
      </Link>{' '}
      <span className="mono muted">
        partition {partition ?? '?'} · offset {offset ?? '?'}
      </span>
    </>
  );
}

function Trace({ m, search }: { m: DlqMessage; search: string }) {
  const id = m.traceId ?? m.correlationId;
  if (!id) return <span className="muted">no trace or correlation id in the headers</span>;
  return (
    <Link className="mono" to={traceHref(id, search)}>
      {m.traceId ? 'trace' : 'timeline'} {id}
    </Link>
  );
}

function Body({ cluster, m, search }: { cluster: string; m: DlqMessage; search: string }) {
  return (
    <>
      {m.error ? (
        <div className="drawer-error" role="status">
          <p className="mono dlq-error-class">{m.error.class ?? 'unknown exception'}</p>
          {m.error.message ? <p className="dlq-error-message">{m.error.message}</p> : null}
        </div>
      ) : null}
      <dl className="drawer-facts">
        <Fact term="Time">
          <RelativeTime at={m.timestamp} />{' '}
          <span className="muted num" title={formatTimeTitle(m.timestamp)}>
            {m.timestamp}
          </span>
        </Fact>
        <Fact term="Key">
          {m.key === null ? (
            <span className="muted">null</span>
          ) : (
            <span className="mono">{m.keyEncoding === 'hex' ? `0x${m.key}` : m.key}</span>
          )}
        </Fact>
        <Fact term="Size">
          <Num value={m.sizeBytes} kind="bytes" />
        </Fact>
        <Fact term="Origin">
          <Origin cluster={cluster} m={m} search={search} />
        </Fact>
        <Fact term="Consumer group">
          {m.consumerGroup ? (
            <Link className="mono" to={`${groupHref(cluster, m.consumerGroup)}${search}`}>
              {m.consumerGroup}
            </Link>
          ) : (
            <span className="muted">unknown</span>
          )}
        </Fact>
        <Fact term="Correlation id">
          {m.correlationId ? (
            <span className="mono">{m.correlationId}</span>
          ) : (
            <span className="muted">none</span>
          )}
        </Fact>
        <Fact term="Trace">
          <Trace m={m} search={search} />
        </Fact>
        <Fact term="Replayed">
          <span className="num">
            {m.replayCount === 0
              ? 'never'
              : `${m.replayCount} ${m.replayCount === 1 ? 'time' : 'times'}`}
          </span>
        </Fact>
        <Fact term="State">
          {m.handled ? (
            <>
              <HandledBadge mark={m.handled} /> by {m.handled.by ?? 'unknown'}{' '}
              <RelativeTime at={m.handled.at} />
            </>
          ) : (
            'waiting in the DLQ'
          )}
        </Fact>
        <Fact term="Convention">{m.convention ?? <span className="muted">unknown</span>}</Fact>
      </dl>
      <section>
        <h3 className="drawer-h">Headers</h3>
        <HeadersTable headers={m.headers} />
      </section>
      <section>
        <h3 className="drawer-h">Value</h3>
        <PayloadView
          label="Value"
          value={m.value}
          encoding={m.valueEncoding}
          truncated={m.valueTruncated}
        />
      </section>
    </>
  );
}

/** One dead letter, beside the table: what failed, where it came from, what it carried. */
export function MessageDrawer(props: MessageDrawerProps) {
  const { cluster, dlq, message, id, onClose, onReplay, onDiscard } = props;
  const search = globalSearch(useLocation().search);
  useEscape(onClose);
  const titleId = `dlq-drawer-${id}`;
  const [partition, offset] = id.split('-');

  return (
    <aside className="drawer dlq-drawer" role="dialog" aria-labelledby={titleId}>
      <header className="drawer-head">
        <div>
          <p className="drawer-service">
            {dlq} · partition {partition} · offset {offset}
          </p>
          <h2 id={titleId} className="drawer-title">
            Dead letter {partition}/{offset}
          </h2>
        </div>
        <button type="button" className="btn" onClick={onClose} title="Close (Esc)">
          Close
        </button>
      </header>
      {message === undefined ? (
        <div aria-busy="true" aria-label="Loading the message">
          <Skeleton className="skeleton-table" />
        </div>
      ) : message === null ? (
        <p className="muted">
          This record is not in {dlq}: retention may have removed it, or the link is wrong.
        </p>
      ) : (
        <>
          {onReplay || onDiscard ? (
            <div className="drawer-actions">
              {onReplay ? (
                <button type="button" className="btn" onClick={() => onReplay(message)}>
                  Replay this message…
                </button>
              ) : null}
              {onDiscard && !message.handled ? (
                <button
                  type="button"
                  className="btn btn-danger-text"
                  onClick={() => onDiscard(message)}
                >
                  Discard this message…
                </button>
              ) : null}
            </div>
          ) : null}
          <Body cluster={cluster} m={message} search={search} />
        </>
      )}
    </aside>
  );
}
