import type { DlqErrorClass } from '@eventscope/shared';
import { useMemo } from 'react';
import { Num } from '../../components/Num';
import { RelativeTime } from '../../components/RelativeTime';
import { byCount } from '../../hooks/useDlqs';

/** Failures grouped by exception class, most frequent first. */
export function ErrorClassesTable({ classes }: { classes: readonly DlqErrorClass[] }) {
  const sorted = useMemo(() => [...classes].sort(byCount), [classes]);
  if (sorted.length === 0) {
    return (
      <p className="muted">
        No exception class recorded: classes are read from the dead-letter headers of new arrivals.
      </p>
    );
  }
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
          <tr key={c.class}>
            <td className="mono cell-wrap">{c.class}</td>
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
