import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Numbers are right-aligned (UI.md "Numbers and time"). */
  numeric?: boolean;
  /** Set when the column can sort: the key the sort control names. */
  sortKey?: string;
  className?: string;
}

export interface SortState {
  key: string;
  order: 'asc' | 'desc';
  onSort: (key: string) => void;
}

interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  onOpen: (row: T) => void;
  sort?: SortState;
  rowHeight?: number;
}

const PAGE = 10;

/**
 * A dense table that renders only the rows in view, so thousands of rows scroll smoothly.
 * Spacer rows above and below keep the native table layout (columns stay aligned). The
 * container takes focus: arrow keys move the selection, Enter opens the selected row.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, columns, rowKey, onOpen, sort, rowHeight = 29 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(-1);
  // The virtualizer is a mutable instance that re-renders through its own state; nothing here
  // memoises around it, and the app does not run the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const current = Math.min(selected, rows.length - 1);

  const select = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + PAGE,
      PageUp: current - PAGE,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[e.key];
    if (target !== undefined && rows.length > 0) {
      e.preventDefault();
      select(target);
    } else if (e.key === 'Enter' && current >= 0) {
      const row = rows[current];
      if (row !== undefined) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, row: T, index: number) => {
    setSelected(index);
    // A link inside the row navigates by itself (and keeps middle-click/new tab working).
    if (e.target instanceof Element && e.target.closest('a')) return;
    onOpen(row);
  };

  return (
    <div
      ref={scrollRef}
      className="vtable"
      role="region"
      aria-label={props.label}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <table className="table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            {columns.map((c) => (
              <HeaderCell key={c.key} column={c} sort={sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr aria-hidden="true" className="vtable-spacer">
              <td colSpan={columns.length} style={{ height: top }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <tr
                key={rowKey(row)}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={item.index === current}
                className="vtable-row"
                onClick={(e) => onRowClick(e, row, item.index)}
              >
                {columns.map((c) => (
                  <td key={c.key} className={cellClass(c)}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="vtable-spacer">
              <td colSpan={columns.length} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function cellClass<T>(c: Column<T>): string | undefined {
  const classes = [c.numeric ? 'cell-num' : '', c.className ?? ''].filter(Boolean).join(' ');
  return classes || undefined;
}

function HeaderCell<T>({ column, sort }: { column: Column<T>; sort: SortState | undefined }) {
  const className = column.numeric ? 'cell-num' : undefined;
  if (!sort || !column.sortKey) {
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  }
  const active = sort.key === column.sortKey;
  const ariaSort = active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none';
  const sortKey = column.sortKey;
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <button type="button" className="th-sort" onClick={() => sort.onSort(sortKey)}>
        {column.header}
        <span className="th-sort-mark" aria-hidden="true">
          {active ? (sort.order === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
