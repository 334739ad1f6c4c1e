import type { DlqErrorClass } from '@eventscope/shared';
import { useMemo } from 'react';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { byCount } from '../../hooks/useDlqs';

/**
 * Failures grouped by exception class, most frequent first. With `onSelect`, a row filters the
 * dead letters below to its class; clicking the filtered class again clears the filter.
 */
export function ErrorClassesTable({
  classes,
  selected = null,
  onSelect,
}: {
  classes: readonly DlqErrorClass[];
  selected?: string | null;
  onSelect?: (errorClass: string | null) => void;
}) {
  const sorted = useMemo(() => [...classes].sort(byCount), [classes]);
  if (sorted.length === 0) {
    return (
      <p className="muted">
        No exception class recorded: classes are read from the dead-letter headers of new arrivals.
      </p>
    );
  }
  const pick = (c: string) => onSelect?.(c === selected ? null : c);
  return (
    <table className="table" aria-label="Failures by exception class">
      <thead>
        <tr>
          <th scope="col">Exception class</th>
          <th scope="col" className="cell-num">
            Count
          </th>
          <th scope="col" className="cell-num">
            First seen
          </th>
          <th scope="col" className="cell-num">
            Last seen
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr
            key={c.class}
            className={
              onSelect ? `class-row${c.class === selected ? ' class-row-on' : ''}` : undefined
            }
            onClick={onSelect ? () => pick(c.class) : undefined}
          >
            <td className="mono cell-wrap">
              {onSelect ? (
                <button
                  type="button"
                  className="link-button mono"
                  aria-pressed={c.class === selected}
                  title={
                    c.class === selected
                      ? 'Showing only these dead letters: click to show all'
                      : 'Show only these dead letters'
                  }
                  onClick={(e) => {
                    // The button is the keyboard's way in; the row must not pick a second time.
                    e.stopPropagation();
                    pick(c.class);
                  }}
                >
                  {c.class}
                </button>
              ) : (
                c.class
              )}
            </td>
            <td className="cell-num">
              <Num value={c.count} />
            </td>
            <td className="cell-num">
              <RelativeTime at={c.firstSeen} />
            </td>
            <td className="cell-num">
              <RelativeTime at={c.lastSeen} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
