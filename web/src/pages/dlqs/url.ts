import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MessageBrowse } from '../../hooks/useDlqMessages';

/**
 * The DLQ page's view state in the URL, so "these dead letters, this one open" can be pasted
 * into an incident chat: order, jumps, filters, the open message and the replay in progress.
 */
const P = {
  order: 'order',
  partition: 'partition',
  offset: 'offset',
  at: 'at',
  errorClass: 'error',
  key: 'key',
  handled: 'handled',
  message: 'msg',
  replay: 'replay',
} as const;

const PARTITION = /^\d{1,6}$/;
const OFFSET = /^\d{1,19}$/;

export function parseBrowse(params: URLSearchParams): MessageBrowse {
  const partition = params.get(P.partition) ?? '';
  const offset = params.get(P.offset) ?? '';
  const at = params.get(P.at) ?? '';
  const hasPartition = PARTITION.test(partition);
  return {
    order: params.get(P.order) === 'oldest' ? 'oldest' : 'newest',
    partition: hasPartition ? Number(partition) : null,
    offset: hasPartition && OFFSET.test(offset) ? offset : null,
    at: at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : null,
    errorClass: params.get(P.errorClass) || null,
    key: params.get(P.key) || null,
    includeHandled: params.get(P.handled) !== '0',
  };
}

/** The filters a replay or discard can take over as its selection ("the current filter"). */
export const hasSelectionFilter = (b: MessageBrowse) =>
  b.errorClass !== null || b.key !== null || b.partition !== null;

/** Anything that moves the browser away from "all dead letters, newest first". */
export const isBrowsingFrom = (b: MessageBrowse) =>
  hasSelectionFilter(b) || b.at !== null || b.offset !== null || !b.includeHandled;

export type BrowseChange = Partial<{ [K in keyof MessageBrowse]: MessageBrowse[K] }>;

function write(out: URLSearchParams, change: BrowseChange) {
  const set = (name: string, value: string | null) => {
    if (value === null || value === '') out.delete(name);
    else out.set(name, value);
  };
  if (change.order !== undefined) set(P.order, change.order === 'oldest' ? 'oldest' : null);
  if (change.partition !== undefined) {
    set(P.partition, change.partition === null ? null : String(change.partition));
  }
  if (change.offset !== undefined) set(P.offset, change.offset);
  if (change.at !== undefined) set(P.at, change.at);
  if (change.errorClass !== undefined) set(P.errorClass, change.errorClass);
  if (change.key !== undefined) set(P.key, change.key);
  if (change.includeHandled !== undefined) set(P.handled, change.includeHandled ? null : '0');
}

export function useDlqParams() {
  const [params, setParams] = useSearchParams();
  const browse = useMemo(() => parseBrowse(params), [params]);
  const message = params.get(P.message) || null;
  const replay = params.get(P.replay) || null;

  const setBrowse = useCallback(
    (change: BrowseChange) =>
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        write(out, change);
        return out;
      }),
    [setParams],
  );

  const clearBrowse = useCallback(
    () =>
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        for (const name of Object.values(P)) {
          if (name !== P.message && name !== P.replay) out.delete(name);
        }
        return out;
      }),
    [setParams],
  );

  const setOne = useCallback(
    (name: string, value: string | null, replace: boolean) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          if (value === null) out.delete(name);
          else out.set(name, value);
          return out;
        },
        { replace },
      ),
    [setParams],
  );

  /** Moving between messages with the keyboard replaces the entry: Back leaves the drawer. */
  const setMessage = useCallback(
    (id: string | null, options: { replace?: boolean } = {}) =>
      setOne(P.message, id, options.replace ?? false),
    [setOne],
  );
  const setReplay = useCallback((id: string | null) => setOne(P.replay, id, false), [setOne]);

  return { browse, setBrowse, clearBrowse, message, setMessage, replay, setReplay };
}

/** The DLQ page with a replay's progress open, for links from lists and the overview. */
export const replayProgressSearch = (id: string, search = '') => {
  const out = new URLSearchParams(search);
  out.set(P.replay, id);
  return `?${out.toString()}`;
};
