import { memo, type CSSProperties } from 'react';
import { hopKindOf } from '@eventscope/shared';
import { KINDS, segmentText } from './kinds';
import type { LaneRow, LinkRef, SpanRow } from './layout';
import { formatSpanMs } from './ticks';

export const ROW_HEIGHT = 26;
const INDENT = 12;

export const rowDomId = (spanId: string) => `span-row-${spanId}`;

const at = (index: number): CSSProperties => ({ transform: `translateY(${index * ROW_HEIGHT}px)` });

export function LaneHeader({ row, index }: { row: LaneRow; index: number }) {
  return (
    <div className="tl-row tl-lane" role="presentation" style={at(index)}>
      <div className="tl-label">
        <span className="tl-lane-name">{row.service}</span>
        <span className="tl-lane-meta muted">
          {row.spanCount} {row.spanCount === 1 ? 'span' : 'spans'}
          {row.selfTimeMs !== null ? ` · self ${formatSpanMs(row.selfTimeMs)}` : ''}
          {row.errorCount > 0 ? ` · ${row.errorCount} error${row.errorCount === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      <div className="tl-track" />
    </div>
  );
}

function LinkMarker({
  refs,
  direction,
  onJump,
}: {
  refs: LinkRef[];
  direction: 'to' | 'from';
  onJump: (spanId: string) => void;
}) {
  const first = refs.find((r) => r.row !== null);
  if (refs.length === 0) return null;
  const list = refs.map((r) => r.label).join(', ');
  const text =
    direction === 'from'
      ? `linked from ${refs.length === 1 ? refs[0]?.label : `${refs.length} spans`}`
      : `links to ${refs.length === 1 ? refs[0]?.label : `${refs.length} spans`}`;
  return (
    <button
      type="button"
      className="tl-link"
      title={`${direction === 'from' ? 'Linked from' : 'Links to'}: ${list}${first ? ' — click to jump' : ' (not in this timeline)'}`}
      disabled={!first}
      tabIndex={-1}
      onClick={(e) => {
        e.stopPropagation();
        if (first) onJump(first.spanId);
      }}
    >
      <span aria-hidden="true">{direction === 'from' ? '⇠' : '⇢'}</span> {text}
    </button>
  );
}

interface SpanRowProps {
  row: SpanRow;
  index: number;
  active: boolean;
  open: boolean;
  onOpen: (spanId: string) => void;
}

/** One span: label (indent, kind, name, markers) on the left, its bar on the shared axis. */
export const SpanRowView = memo(function SpanRowView({
  row,
  index,
  active,
  open,
  onOpen,
}: SpanRowProps) {
  const { span } = row;
  const kind = KINDS[span.kind];
  const classes = [
    'tl-row',
    'tl-span',
    `kind-${span.kind}`,
    row.error ? 'is-error' : '',
    row.critical ? 'is-critical' : '',
    row.segment ? `seg-${row.segment.kind}` : '',
    // A queued hop from the broker is a wait: its hatched mark shows through an outlined bar.
    hopKindOf(span) === 'queued' ? 'hop-queued' : '',
    active ? 'is-active' : '',
    open ? 'is-open' : '',
  ].join(' ');
  const end = row.leftPct + row.widthPct;
  // Near the right edge the duration goes left of the bar, where there is room.
  const noteStyle: CSSProperties =
    end > 80 ? { right: `calc(${100 - row.leftPct}% + 4px)` } : { left: `calc(${end}% + 4px)` };
  return (
    <div
      id={rowDomId(span.spanId)}
      className={classes}
      role="option"
      aria-selected={open}
      style={at(index)}
      onClick={() => onOpen(span.spanId)}
    >
      <div className="tl-label" style={{ paddingLeft: 8 + Math.min(span.depth, 12) * INDENT }}>
        <span className="tl-kind" title={`${kind.word}: ${kind.meaning}`}>
          <span aria-hidden="true">{kind.glyph}</span> {kind.word}
        </span>
        <span className="tl-name" title={span.name}>
          {span.name}
        </span>
        {row.error ? <span className="tl-err">✕ error</span> : null}
        {row.critical ? (
          <span className="tl-crit-mark" title="On the critical path">
            ◆<span className="visually-hidden"> critical path</span>
          </span>
        ) : null}
        <LinkMarker refs={row.linkedFrom} direction="from" onJump={onOpen} />
        <LinkMarker refs={row.linksTo} direction="to" onJump={onOpen} />
      </div>
      <div className="tl-track">
        {row.wait ? (
          <div
            className="tl-wait"
            style={{ left: `${row.wait.leftPct}%`, width: `${row.wait.widthPct}%` }}
            title={`Queue wait ${formatSpanMs(row.wait.waitMs)}${row.wait.topic ? ` on ${row.wait.topic}` : ''}`}
          />
        ) : null}
        <div
          className="tl-bar"
          style={{ left: `${row.leftPct}%`, width: `${row.widthPct}%` }}
          title={`${span.name}: ${formatSpanMs(span.durationMs)}`}
        />
        <span className="tl-note" style={noteStyle}>
          <span className="num">{formatSpanMs(span.durationMs)}</span>
          {row.segment ? (
            <span className={`tl-seg-tag seg-tag-${row.segment.kind}`}>
              {segmentText(row.segment)}
            </span>
          ) : null}
        </span>
      </div>
    </div>
  );
});
