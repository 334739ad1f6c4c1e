import type { DlqMessage } from '@eventscope/shared';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { messageId } from '../../hooks/useDlqMessages';
import { ErrorCell, HandledBadge, OriginCell, ValuePreview } from './MessageCells';

interface MessagesTableProps {
  messages: readonly DlqMessage[];
  /** Operators tick records for a replay or discard; viewers get no checkboxes. */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (m: DlqMessage) => void;
  onToggleAll: (select: boolean) => void;
  openId: string | null;
  /** `replace`: moving through records with the drawer open replaces the history entry. */
  onOpen: (m: DlqMessage, replace: boolean) => void;
}

const PAGE = 10;
const INTERACTIVE = 'a, button, input, label, select, textarea';

function SelectAll(props: { count: number; total: number; onToggleAll: (all: boolean) => void }) {
  const { count, total, onToggleAll } = props;
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && count < total;
  }, [count, total]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={`Select all ${total} loaded messages`}
      checked={total > 0 && count === total}
      onChange={(e) => onToggleAll(e.target.checked)}
    />
  );
}

/**
 * Dead letters, one per row. The table takes focus: arrows move, Enter opens the drawer, Space
 * ticks the row. Records already replayed or discarded are dimmed and carry their badge.
 */
export function MessagesTable(props: MessagesTableProps) {
  const { messages, selectable, selected, onToggle, onToggleAll, openId, onOpen } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const openIndex = openId === null ? -1 : messages.findIndex((m) => messageId(m) === openId);
  const [cursor, setCursor] = useState(-1);
  const current = Math.min(cursor >= 0 ? cursor : openIndex, messages.length - 1);

  useEffect(() => {
    if (current < 0) return;
    scrollRef.current
      ?.querySelector(`[data-index="${current}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const loadedSelected = messages.filter((m) => selected.has(messageId(m))).length;

  const move = (index: number) => {
    const next = Math.max(0, Math.min(messages.length - 1, index));
    setCursor(next);
    const row = messages[next];
    if (row && openId !== null) onOpen(row, true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + PAGE,
      PageUp: current - PAGE,
      Home: 0,
      End: messages.length - 1,
    };
    const target = moves[e.key];
    if (target !== undefined && messages.length > 0) {
      e.preventDefault();
      move(target);
      return;
    }
    // Enter and Space on a checkbox or link keep their own meaning.
    if (e.target !== e.currentTarget) return;
    const row = messages[current];
    if (!row) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(row, false);
    } else if (e.key === ' ' && selectable) {
      e.preventDefault();
      onToggle(row);
    }
  };

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, row: DlqMessage, index: number) => {
    setCursor(index);
    if (e.target instanceof Element && e.target.closest(INTERACTIVE)) return;
    onOpen(row, false);
  };

  return (
    <div
      ref={scrollRef}
      className="msg-table"
      role="region"
      aria-label="Dead letter messages"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <table className="table">
        <thead>
          <tr>
            {selectable ? (
              <th scope="col" className="cell-check">
                <SelectAll
                  count={loadedSelected}
                  total={messages.length}
                  onToggleAll={onToggleAll}
                />
              </th>
            ) : null}
            <th scope="col" className="cell-num">
              Time
            </th>
            <th scope="col" className="cell-num">
              Partition/offset
            </th>
            <th scope="col">Key</th>
            <th scope="col">Error</th>
            <th scope="col">Origin</th>
            <th scope="col">Value</th>
            <th scope="col" className="cell-num">
              Size
            </th>
            <th scope="col" className="cell-num">
              Replays
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m, index) => {
            const id = messageId(m);
            const classes = ['msg-row'];
            if (m.handled) classes.push('msg-handled');
            if (id === openId) classes.push('msg-open');
            return (
              <tr
                key={id}
                data-index={index}
                aria-selected={index === current}
                className={classes.join(' ')}
                onClick={(e) => onRowClick(e, m, index)}
              >
                {selectable ? (
                  <td className="cell-check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${id}`}
                      checked={selected.has(id)}
                      onChange={() => onToggle(m)}
                    />
                  </td>
                ) : null}
                <td className="cell-num">
                  <RelativeTime at={m.timestamp} />
                </td>
                <td className="cell-num mono">
                  {m.partition}/{m.offset}
                </td>
                <td className="mono cell-clip" title={m.key ?? 'null'}>
                  {m.key === null ? (
                    <span className="muted">null</span>
                  ) : m.keyEncoding === 'hex' ? (
                    `0x${m.key}`
                  ) : (
                    m.key
                  )}
                </td>
                <td className="cell-clip">
                  <ErrorCell m={m} />
                </td>
                <td className="cell-clip">
                  <OriginCell m={m} />
                </td>
                <td className="cell-value">
                  <ValuePreview m={m} />
                </td>
                <td className="cell-num">
                  <Num value={m.sizeBytes} kind="bytes" />
                </td>
                <td className="cell-num">
                  {m.replayCount > 0 ? (
                    <Num value={m.replayCount} />
                  ) : (
                    <span className="muted num">0</span>
                  )}
                </td>
                <td>{m.handled ? <HandledBadge mark={m.handled} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
