import { GroupSortSchema, GroupStatusCodeSchema, type GroupStatusCode } from '@eventscope/shared';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { GroupSort, SortOrder } from '../../hooks/useConsumerGroups';

/** The group list's filters and sort live in the URL: a filtered view is a link to paste. */
export interface GroupsView {
  q: string;
  status: GroupStatusCode[];
  sort: GroupSort;
  order: SortOrder;
}

export const DEFAULT_SORT: GroupSort = 'lagSeconds';

/** Names read A→Z; numbers and severity read worst first. */
export const defaultOrder = (sort: GroupSort): SortOrder => (sort === 'group' ? 'asc' : 'desc');

export function parseGroupsView(params: URLSearchParams): GroupsView {
  const sort = GroupSortSchema.safeParse(params.get('sort')).data ?? DEFAULT_SORT;
  const order = params.get('order');
  return {
    q: params.get('q') ?? '',
    status: (params.get('status') ?? '')
      .split(',')
      .flatMap((s) => GroupStatusCodeSchema.safeParse(s).data ?? []),
    sort,
    order: order === 'asc' || order === 'desc' ? order : defaultOrder(sort),
  };
}

export function useGroupsParams() {
  const [params, setParams] = useSearchParams();
  const view = parseGroupsView(params);

  const update = useCallback(
    (change: (next: URLSearchParams) => void, replace = false) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace },
      ),
    [setParams],
  );

  // Typing replaces the history entry, so Back leaves the page instead of undoing keystrokes.
  const setQ = useCallback(
    (q: string) => update((next) => (q ? next.set('q', q) : next.delete('q')), true),
    [update],
  );

  const toggleStatus = useCallback(
    (code: GroupStatusCode) =>
      update((next) => {
        const current = parseGroupsView(next).status;
        const status = current.includes(code)
          ? current.filter((c) => c !== code)
          : [...current, code];
        if (status.length > 0) next.set('status', status.join(','));
        else next.delete('status');
      }),
    [update],
  );

  const setSort = useCallback(
    (key: GroupSort) =>
      update((next) => {
        const current = parseGroupsView(next);
        // Clicking the sorted column flips it; another column starts in its natural order.
        const order =
          current.sort === key ? (current.order === 'asc' ? 'desc' : 'asc') : defaultOrder(key);
        if (key === DEFAULT_SORT) next.delete('sort');
        else next.set('sort', key);
        if (order === defaultOrder(key)) next.delete('order');
        else next.set('order', order);
      }),
    [update],
  );

  return { view, setQ, toggleStatus, setSort };
}
