import type { Replay } from '@eventscope/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { Num } from '../../components/Num';
import { Rate } from '../../components/Rate';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { dlqKeys } from '../../hooks/useDlqs';
import { isActive, useReplay, useReplayControl } from '../../hooks/useReplays';
import { useCan } from '../../hooks/useSession';
import { formatExact } from '../../lib/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReplayStatusBadge, ReplayTarget, shortSelection } from './ReplayCells';

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/** Replayed, skipped and failed as one bar; indeterminate until the selection is counted. */
function ProgressBar({ replay }: { replay: Replay }) {
  const { selected, replayed, skipped, failed } = replay;
  const done = replayed + skipped + failed;
  if (selected === null) {
    return (
      <div
        className="replay-bar replay-bar-unknown"
        role="progressbar"
        aria-label="Replay progress"
      >
        <span className="visually-hidden">counting the selection</span>
      </div>
    );
  }
  const percent = Math.min(100, Math.round(pct(done, selected)));
  return (
    <div
      className="replay-bar"
      role="progressbar"
      aria-label="Replay progress"
      aria-valuemin={0}
      aria-valuemax={selected}
      aria-valuenow={done}
      aria-valuetext={`${formatExact(done)} of ${formatExact(selected)} (${percent} %)`}
    >
      <span className="replay-bar-ok" style={{ width: `${pct(replayed, selected)}%` }} />
      <span className="replay-bar-skip" style={{ width: `${pct(skipped, selected)}%` }} />
      <span className="replay-bar-fail" style={{ width: `${pct(failed, selected)}%` }} />
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** When a replay ends, the DLQ's handled marks and depth changed: refresh them even without SSE. */
function useRefreshOnFinish(replay: Replay | undefined) {
  const client = useQueryClient();
  const wasActive = useRef<boolean | null>(null);
  const active = replay ? isActive(replay.status) : null;
  useEffect(() => {
    if (active === false && wasActive.current === true) {
      void client.invalidateQueries({ queryKey: dlqKeys.all });
    }
    if (active !== null) wasActive.current = active;
  }, [active, client]);
}

/** A live replay: progress, rate, ETA, and pause / resume / cancel for operators. */
export function ReplayProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useReplay(id);
  const canControl = useCan('operator');
  const control = useReplayControl(id);
  const [confirmCancel, setConfirmCancel] = useState(false);
  useRefreshOnFinish(query.data);

  const head = (replay: Replay | undefined) => (
    <header className="replay-head">
      <h2 className="section-title" id="replay-title">
        Replay <span className="mono">{id}</span>
      </h2>
      {replay ? <ReplayStatusBadge status={replay.status} /> : null}
      <button type="button" className="btn btn-quiet replay-close" onClick={onClose}>
        Close
      </button>
    </header>
  );

  if (query.isPending) {
    return (
      <section className="replay-panel" aria-labelledby="replay-title" aria-busy="true">
        {head(undefined)}
        <Skeleton className="skeleton-table" />
      </section>
    );
  }
  if (query.isError && !query.data) {
    return (
      <section className="replay-panel" aria-labelledby="replay-title">
        {head(undefined)}
        <ErrorState
          title="Cannot load this replay"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </section>
    );
  }

  const r = query.data;
  const running = r.status === 'running' || r.status === 'pending';
  return (
    <section className="replay-panel" aria-labelledby="replay-title">
      {head(r)}
      <ProgressBar replay={r} />
      <dl className="summary-facts replay-facts" aria-label="Replay progress facts">
        <Fact term="Selected">
          <Num value={r.selected} />
        </Fact>
        <Fact term="Replayed">
          <Num value={r.replayed} />
        </Fact>
        <Fact term="Skipped">
          <span
            title={`loop guard ${r.skippedBy.loopGuard}, already handled ${r.skippedBy.handled}, no target ${r.skippedBy.noTarget}`}
          >
            <Num value={r.skipped} />
          </span>
        </Fact>
        <Fact term="Failed">
          <Num value={r.failed} />
        </Fact>
        <Fact term="Rate">
          <Rate value={r.rate} />
        </Fact>
        <Fact term="ETA">
          <Num value={r.etaSeconds} kind="seconds" />
        </Fact>
        <Fact term="Limit">
          <Rate value={r.ratePerSecond} />
        </Fact>
        <Fact term="Target">
          <ReplayTarget replay={r} />
        </Fact>
        <Fact term="Selection">{shortSelection(r.selection)}</Fact>
        <Fact term="By">
          <span className="mono">{r.createdBy}</span>
        </Fact>
        <Fact term="Started">
          <RelativeTime at={r.startedAt} />
        </Fact>
        <Fact term="Finished">
          <RelativeTime at={r.finishedAt} />
        </Fact>
      </dl>
      {r.error ? (
        <p className="form-error" role="alert">
          {r.error}
        </p>
      ) : null}
      {canControl && isActive(r.status) ? (
        <div className="replay-actions">
          {running ? (
            <button
              type="button"
              className="btn"
              disabled={control.isPending}
              onClick={() => control.mutate('pause')}
            >
              Pause
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={control.isPending}
              onClick={() => control.mutate('resume')}
            >
              Resume
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger-text"
            disabled={control.isPending}
            onClick={() => setConfirmCancel(true)}
          >
            Cancel replay…
          </button>
          {control.isError && !confirmCancel ? (
            <span className="field-error" role="alert">
              {control.error.message}
            </span>
          ) : null}
        </div>
      ) : null}
      {confirmCancel ? (
        <ConfirmDialog
          title={`Cancel replay ${id}?`}
          confirmLabel="Cancel replay"
          cancelLabel="Keep replaying"
          busy={control.isPending}
          error={control.error}
          onCancel={() => setConfirmCancel(false)}
          onConfirm={() => control.mutate('cancel', { onSuccess: () => setConfirmCancel(false) })}
        >
          <p>
            {formatExact(r.replayed)} of {r.selected === null ? 'the' : formatExact(r.selected)}{' '}
            selected records are replayed. The rest stay in <span className="mono">{r.dlq}</span>{' '}
            and can be replayed later; records already produced stay produced.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
