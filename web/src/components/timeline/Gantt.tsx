import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LaneHeader, ROW_HEIGHT, SpanRowView, rowDomId } from './GanttRow';
import { segmentText } from './kinds';
import type { TimelineLayout } from './layout';
import './marks.css';
import { Minimap } from './Minimap';

interface GanttProps {
  layout: TimelineLayout;
  /** The span whose drawer is open (`?span=`). */
  selected: string | null;
  onOpen: (spanId: string, options?: { replace?: boolean }) => void;
  critical: boolean;
}

const PAGE = 15;
/** Rows above which the trace is long enough to need an overview strip. */
export const MINIMAP_MIN_ROWS = 40;

/**
 * Service lanes of span bars on one time axis. Rows are virtualised: only those in view (and a
 * few around) are in the DOM; every position comes precomputed from `layoutTimeline`.
 * The list takes focus: arrows move the cursor, Enter opens the drawer.
 */
export function Gantt({ layout, selected, onOpen, critical }: GanttProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const axisHeight = layout.bands.length > 0 ? 48 : 26;
  // The virtualizer re-renders through its own state; the app does not run the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The rows start below the sticky axis, and a row scrolled to must not hide under it.
    scrollMargin: axisHeight,
    scrollPaddingStart: axisHeight,
    initialRect: { width: 1200, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  // The keyboard cursor follows the open span when it changes from outside (link jumps).
  const [cursor, setCursor] = useState(selected);
  const [prevSelected, setPrevSelected] = useState(selected);
  if (selected !== prevSelected) {
    setPrevSelected(selected);
    if (selected) setCursor(selected);
  }

  const selectedRow = selected ? layout.rowOfSpan.get(selected) : undefined;
  useEffect(() => {
    if (selectedRow !== undefined) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const moveTo = (position: number) => {
    const { spanRows } = layout;
    const row = spanRows[Math.max(0, Math.min(spanRows.length - 1, position))];
    const target = row === undefined ? undefined : layout.rows[row];
    if (row === undefined || target?.type !== 'span') return;
    setCursor(target.span.spanId);
    // The first span brings its lane header into view with it.
    virtualizer.scrollToIndex(position <= 0 ? 0 : row, { align: 'auto' });
    // With the drawer open it follows the cursor, without piling up history entries.
    if (selected) onOpen(target.span.spanId, { replace: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const cursorRow = cursor ? layout.rowOfSpan.get(cursor) : undefined;
    const position = cursorRow === undefined ? -1 : layout.spanRows.indexOf(cursorRow);
    const moves: Record<string, number> = {
      ArrowDown: position + 1,
      ArrowUp: Math.max(0, position - 1),
      PageDown: position + PAGE,
      PageUp: Math.max(0, position - PAGE),
      Home: 0,
      End: layout.spanRows.length - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      onOpen(cursor);
    }
  };

  // Stable, so the memoised rows do not re-render on every scroll frame.
  const open = useCallback(
    (spanId: string) => {
      setCursor(spanId);
      onOpen(spanId);
    },
    [onOpen],
  );

  const connectors = layout.connectors.filter((c) => c.fromRow <= last && c.toRow >= first);
  const totalHeight = layout.rows.length * ROW_HEIGHT;

  return (
    <div className={critical ? 'tl tl-critical-mode' : 'tl'}>
      {layout.rows.length > MINIMAP_MIN_ROWS ? (
        <Minimap
          layout={layout}
          first={first}
          last={last}
          onJump={(row) => virtualizer.scrollToIndex(row, { align: 'center' })}
        />
      ) : null}
      <div
        ref={scrollRef}
        className="tl-scroll"
        role="listbox"
        aria-label="Spans by service"
        aria-activedescendant={cursor && items.length > 0 ? rowDomId(cursor) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="tl-axis" style={{ height: axisHeight }} role="presentation">
          <div className="tl-label tl-axis-label muted">
            {layout.services.length} services · {layout.spanRows.length} spans
          </div>
          <div className="tl-track">
            {layout.ticks.map((t) => (
              <span key={t.pct} className="tl-tick" style={{ left: `${t.pct}%` }}>
                {t.label}
              </span>
            ))}
            {layout.bands.map((b, i) => (
              <span
                key={i}
                className={`tl-band-label seg-tag-${b.kind}`}
                // Near the right edge the label hangs left from the band's end, inside the axis.
                style={
                  b.leftPct > 60
                    ? { right: `${Math.max(0, 100 - b.leftPct - b.widthPct)}%` }
                    : { left: `${b.leftPct}%` }
                }
              >
                {segmentText(b)}
              </span>
            ))}
          </div>
        </div>
        <div className="tl-canvas" style={{ height: totalHeight }}>
          <div className="tl-overlay" aria-hidden="true">
            {layout.ticks.map((t) => (
              <span key={t.pct} className="tl-grid" style={{ left: `${t.pct}%` }} />
            ))}
            {layout.bands.map((b, i) => (
              <span
                key={i}
                className={`tl-band tl-band-${b.kind}`}
                style={{ left: `${b.leftPct}%`, width: `${b.widthPct}%` }}
              />
            ))}
            {connectors.map((c) => (
              <span
                key={c.key}
                className="tl-connector"
                style={{
                  left: `${c.xPct}%`,
                  top: c.fromRow * ROW_HEIGHT + ROW_HEIGHT / 2,
                  height: (c.toRow - c.fromRow) * ROW_HEIGHT,
                }}
              />
            ))}
          </div>
          {items.map((item) => {
            const row = layout.rows[item.index];
            if (!row) return null;
            return row.type === 'lane' ? (
              <LaneHeader key={row.key} row={row} index={item.index} />
            ) : (
              <SpanRowView
                key={row.key}
                row={row}
                index={item.index}
                active={row.span.spanId === cursor}
                open={row.span.spanId === selected}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
