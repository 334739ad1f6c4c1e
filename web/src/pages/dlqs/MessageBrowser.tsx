import type { DlqMessage, DlqStats } from '@eventscope/shared';
import { useCallback, useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import {
  messageId,
  PAGE_SIZE,
  parseMessageId,
  useDlqMessage,
  useDlqMessages,
} from '../../hooks/useDlqMessages';
import { useCan } from '../../hooks/useSession';
import { formatExact } from '../../lib/format';
import { DiscardDialog } from './DiscardDialog';
import { MessageDrawer } from './MessageDrawer';
import { MessageFilters } from './MessageFilters';
import { MessagesTable } from './MessagesTable';
import { ReplayDialog } from './ReplayDialog';
import { messages as countMessages, type RecordRef, type SelectionMode } from './selection';
import { hasSelectionFilter, isBrowsingFrom, useDlqParams } from './url';

type Action = { kind: 'replay' | 'discard'; refs: RecordRef[]; mode: SelectionMode };

const ref = (m: DlqMessage): RecordRef => ({ partition: m.partition, offset: m.offset });
const NONE: ReadonlyMap<string, RecordRef> = new Map();

/** Ticked records, forgotten when the filters change: a hidden record is never acted on. */
function useSelection(scope: string) {
  const [picked, setPicked] = useState({ scope, refs: NONE });
  const selected = picked.scope === scope ? picked.refs : NONE;
  const toggle = (m: DlqMessage) => {
    const refs = new Map(selected);
    const id = messageId(m);
    if (refs.has(id)) refs.delete(id);
    else refs.set(id, ref(m));
    setPicked({ scope, refs });
  };
  const setAll = (list: readonly DlqMessage[]) =>
    setPicked({ scope, refs: new Map(list.map((m) => [messageId(m), ref(m)])) });
  return { selected, toggle, setAll };
}

interface PartitionRange {
  partition: number;
  start: string;
  end: string;
}

/** The partitions seen so far: a page filtered to one partition must not hide the others. */
function usePartitions(latest: readonly PartitionRange[] | undefined) {
  const [known, setKnown] = useState<readonly PartitionRange[]>([]);
  const [seen, setSeen] = useState(latest);
  if (latest !== seen) {
    setSeen(latest);
    if (latest) {
      const merged = new Map(known.map((p) => [p.partition, p]));
      for (const p of latest) merged.set(p.partition, p);
      setKnown([...merged.values()].sort((a, b) => a.partition - b.partition));
    }
  }
  return known;
}

/** The dead letters of one DLQ: filters, the table, paging, the drawer and the actions. */
export function MessageBrowser({ dlq }: { dlq: DlqStats }) {
  const { cluster, topic } = dlq;
  const { browse, setBrowse, clearBrowse, message, setMessage, setReplay } = useDlqParams();
  const query = useDlqMessages(cluster, topic, browse);
  const canAct = useCan('operator');
  const list = useMemo(() => query.data?.pages.flatMap((p) => p.messages) ?? [], [query.data]);
  const partitions = usePartitions(query.data?.pages[0]?.partitions);
  const { selected, toggle, setAll } = useSelection(JSON.stringify(browse));
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const loaded = message === null ? undefined : list.find((m) => messageId(m) === message);
  const single = useDlqMessage(
    cluster,
    topic,
    parseMessageId(message),
    message !== null && loaded === undefined && !query.isPending,
  );
  const drawerMessage =
    loaded ?? (query.isPending || single.isPending ? undefined : (single.data ?? null));
  const closeDrawer = useCallback(() => setMessage(null), [setMessage]);

  const open = (kind: Action['kind'], refs: RecordRef[]) => {
    setNotice(null);
    const mode: SelectionMode =
      refs.length > 0 ? 'selected' : hasSelectionFilter(browse) ? 'filter' : 'all';
    setAction({ kind, refs, mode });
  };
  const openFor = (kind: Action['kind']) => open(kind, [...selected.values()]);

  const n = selected.size;
  const scope =
    n > 0 ? `${formatExact(n)} selected` : hasSelectionFilter(browse) ? 'matching' : 'all';

  let body;
  if (query.isPending) body = <TableSkeleton label="Loading dead letters" />;
  else if (query.isError && !query.data) {
    body = (
      <ErrorState
        title="Cannot read the dead letters"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (list.length === 0) {
    body = isBrowsingFrom(browse) ? (
      <EmptyState title="No dead letters match these filters">
        <button type="button" className="btn" onClick={clearBrowse}>
          Clear filters
        </button>
      </EmptyState>
    ) : (
      <EmptyState title={`No dead letters in ${topic}`}>
        Records arrive here when a consumer gives up on them; each shows its error, origin and
        payload, and can be replayed.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <MessagesTable
          messages={list}
          selectable={canAct}
          selected={new Set(selected.keys())}
          onToggle={toggle}
          onToggleAll={(all) => setAll(all ? list : [])}
          openId={message}
          onOpen={(m, replace) => setMessage(messageId(m), { replace })}
        />
        <p className="table-foot">
          <span className="muted">
            {formatExact(list.length)} loaded, {browse.order} first
            {query.hasNextPage ? '' : ' — that is all'}
          </span>
          {query.hasNextPage ? (
            <button
              type="button"
              className="btn"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? 'Loading…' : `Load ${PAGE_SIZE} more`}
            </button>
          ) : null}
        </p>
      </>
    );
  }

  return (
    <>
      <MessageFilters
        browse={browse}
        onChange={setBrowse}
        onClear={clearBrowse}
        errorClasses={dlq.errorClasses}
        partitions={partitions}
      />
      {canAct ? (
        <div className="msg-actions" role="toolbar" aria-label="Dead letter actions">
          {n > 0 ? (
            <span className="muted">
              {countMessages(n)} selected{' '}
              <button type="button" className="btn btn-quiet" onClick={() => setAll([])}>
                Clear selection
              </button>
            </span>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => openFor('replay')}>
            Replay {scope}…
          </button>
          <button type="button" className="btn btn-danger-text" onClick={() => openFor('discard')}>
            Discard {scope}…
          </button>
          {notice ? (
            <span className="form-ok" role="status">
              {notice}
            </span>
          ) : null}
        </div>
      ) : null}
      {body}
      {message !== null ? (
        <MessageDrawer
          cluster={cluster}
          dlq={topic}
          id={message}
          message={drawerMessage}
          onClose={closeDrawer}
          {...(canAct
            ? {
                onReplay: (m: DlqMessage) => open('replay', [ref(m)]),
                onDiscard: (m: DlqMessage) => open('discard', [ref(m)]),
              }
            : {})}
        />
      ) : null}
      {action?.kind === 'replay' ? (
        <ReplayDialog
          cluster={cluster}
          dlq={topic}
          selected={action.refs}
          browse={browse}
          initialMode={action.mode}
          onClose={() => setAction(null)}
          onStarted={(id) => {
            setAction(null);
            setAll([]);
            setReplay(id);
          }}
        />
      ) : null}
      {action?.kind === 'discard' ? (
        <DiscardDialog
          cluster={cluster}
          dlq={topic}
          selected={action.refs}
          browse={browse}
          initialMode={action.mode}
          onClose={() => setAction(null)}
          onDiscarded={(count) => {
            setAction(null);
            setAll([]);
            setNotice(`Discarded ${countMessages(count)}.`);
          }}
        />
      ) : null}
    </>
  );
}
