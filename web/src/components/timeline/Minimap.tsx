import type { MouseEvent } from 'react';
import type { TimelineLayout } from './layout';

interface MinimapProps {
  layout: TimelineLayout;
  /** First and last row in view. */
  first: number;
  last: number;
  onJump: (row: number) => void;
}

/**
 * The whole trace in a thin strip — time across, rows down — with the rows in view framed.
 * Two SVG paths draw every span, so 10 k spans cost two DOM nodes. A click scrolls there.
 */
export function Minimap({ layout, first, last, onJump }: MinimapProps) {
  const count = layout.rows.length;
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.height <= 0) return;
    onJump(Math.floor(((e.clientY - box.top) / box.height) * count));
  };
  const top = (first / count) * 100;
  const height = Math.max(((last - first + 1) / count) * 100, 2);
  return (
    <div
      className="tl-minimap"
      onClick={onClick}
      title="Overview of the whole trace: click to scroll there"
      data-testid="minimap"
    >
      <svg viewBox={`0 0 1000 ${count}`} preserveAspectRatio="none" aria-hidden="true">
        <path className="tl-minimap-span" d={layout.minimap.normal} />
        <path className="tl-minimap-error" d={layout.minimap.error} />
      </svg>
      <div
        className="tl-minimap-window"
        style={{ top: `${top}%`, height: `${height}%` }}
        aria-label={`Rows ${first + 1}–${last + 1} of ${count} in view`}
        role="img"
      />
    </div>
  );
}
