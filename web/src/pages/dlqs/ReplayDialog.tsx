import { MAX_REPLAY_RATE, TopicNameSchema, type ReplayDryRun } from '@eventscope/shared';
import { useId, useMemo, useState } from 'react';
import { toApiError } from '../../api/errors';
import { describedBy, FormField } from '../../components/FormField';
import type { MessageBrowse } from '../../hooks/useDlqMessages';
import { useReplayDryRun, useStartReplay, type ReplayBody } from '../../hooks/useReplays';
import { formatExact } from '../../lib/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectionChooser } from './SelectionChooser';
import {
  describeSelection,
  replayLabel,
  selectionFor,
  skipLines,
  totalOf,
  type RecordRef,
  type SelectionMode,
} from './selection';
import { useDebounced } from './useDebounced';

/** The api's default loop guard (ReplayRequestSchema.maxReplayCount). */
const MAX_REPLAY_COUNT = 3;
const SETTLE_MS = 300;
const RATE_HINT = 'Empty: as fast as the server allows';

function targetError(kind: 'origin' | 'topic', text: string, dlq: string): string | null {
  if (kind === 'origin') return null;
  if (text === '') return 'Name the topic to replay to';
  if (!TopicNameSchema.safeParse(text).success) return 'Not a Kafka topic name';
  if (text === dlq) return 'That is this DLQ: the records would come straight back';
  return null;
}

function rateError(text: string): string | null {
  if (text === '') return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_REPLAY_RATE) {
    return `A whole number from 1 to ${formatExact(MAX_REPLAY_RATE)}`;
  }
  return null;
}

/** Counts per target topic and the skips, as the dry run answered them. */
function DryRunResult({ result }: { result: ReplayDryRun }) {
  const topics = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const skips = skipLines(result.skipped, MAX_REPLAY_COUNT);
  return (
    <>
      <p>
        {formatExact(result.selected)} selected; {formatExact(totalOf(result.counts))} would be
        replayed.
      </p>
      {topics.length > 0 ? (
        <table className="table dry-run-table" aria-label="Would replay">
          <thead>
            <tr>
              <th scope="col">Target topic</th>
              <th scope="col" className="cell-num">
                Records
              </th>
            </tr>
          </thead>
          <tbody>
            {topics.map(([topic, n]) => (
              <tr key={topic}>
                <td className="mono">{topic}</td>
                <td className="cell-num num">{formatExact(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {skips.length > 0 ? (
        <>
          <p className="dry-run-skips-title">Skipped:</p>
          <ul className="dry-run-skips" aria-label="Skipped">
            {skips.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

interface ReplayDialogProps {
  cluster: string;
  dlq: string;
  selected: readonly RecordRef[];
  browse: MessageBrowse;
  initialMode: SelectionMode;
  onClose: () => void;
  onStarted: (id: string) => void;
}

/**
 * Selection, target and rate; a dry run answers for every change, and only then does the
 * confirm button come alive, naming the count and the target (UI.md "DLQ").
 */
export function ReplayDialog(props: ReplayDialogProps) {
  const { cluster, dlq, selected, browse, initialMode, onClose, onStarted } = props;
  const id = useId();
  const [mode, setMode] = useState<SelectionMode>(initialMode);
  const [targetKind, setTargetKind] = useState<'origin' | 'topic'>('origin');
  const [targetText, setTargetText] = useState('');
  const [rateText, setRateText] = useState('');
  const target = targetText.trim();
  const rate = rateText.trim();
  const settledTarget = useDebounced(target, SETTLE_MS);
  const settledRate = useDebounced(rate, SETTLE_MS);
  const typing = settledTarget !== target || settledRate !== rate;

  const liveTargetError = targetError(targetKind, target, dlq);
  const liveRateError = rateError(rate);
  const body = useMemo((): ReplayBody | null => {
    if (targetError(targetKind, settledTarget, dlq) || rateError(settledRate)) return null;
    return {
      selection: selectionFor(mode, selected, browse),
      ...(targetKind === 'topic' ? { target: settledTarget } : {}),
      ...(settledRate ? { ratePerSecond: Number(settledRate) } : {}),
    };
  }, [mode, selected, browse, targetKind, settledTarget, settledRate, dlq]);

  const dryRun = useReplayDryRun(cluster, dlq, body);
  const start = useStartReplay(cluster, dlq);
  const ready = body !== null && !typing && dryRun.data !== undefined;
  const total = dryRun.data ? totalOf(dryRun.data.counts) : 0;

  let confirmLabel = 'Waiting for the dry run…';
  if (liveTargetError || liveRateError) confirmLabel = 'Fix the fields above';
  else if (ready && dryRun.data)
    confirmLabel = replayLabel(dryRun.data.counts, body?.target ?? null);
  else if (dryRun.isError && !typing) confirmLabel = 'Dry run failed';

  return (
    <ConfirmDialog
      wide
      title={`Replay dead letters from ${dlq}`}
      confirmLabel={confirmLabel}
      confirmDisabled={!ready || total === 0}
      tone="primary"
      busy={start.isPending}
      error={start.error}
      onCancel={onClose}
      onConfirm={() => {
        if (!ready || !body) return;
        start.mutate(body, { onSuccess: ({ id: replayId }) => onStarted(replayId) });
      }}
    >
      <SelectionChooser
        dlq={dlq}
        mode={mode}
        onMode={setMode}
        selectedCount={selected.length}
        browse={browse}
      />
      <fieldset className="choice">
        <legend>Target</legend>
        <label>
          <input
            type="radio"
            name={`${id}-target`}
            checked={targetKind === 'origin'}
            onChange={() => setTargetKind('origin')}
          />{' '}
          Each record’s original topic (from its dead-letter headers)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-target`}
            checked={targetKind === 'topic'}
            onChange={() => setTargetKind('topic')}
          />{' '}
          Another topic
        </label>
        {targetKind === 'topic' ? (
          <FormField id={`${id}-topic`} label="Target topic" error={liveTargetError}>
            <input
              id={`${id}-topic`}
              className="mono"
              value={targetText}
              maxLength={249}
              aria-invalid={liveTargetError ? true : undefined}
              aria-describedby={describedBy(`${id}-topic`, liveTargetError)}
              onChange={(e) => setTargetText(e.target.value)}
            />
          </FormField>
        ) : null}
      </fieldset>
      <FormField
        id={`${id}-rate`}
        label="Rate (records per second)"
        error={liveRateError}
        hint={RATE_HINT}
      >
        <input
          id={`${id}-rate`}
          inputMode="numeric"
          value={rateText}
          aria-invalid={liveRateError ? true : undefined}
          aria-describedby={describedBy(`${id}-rate`, liveRateError, RATE_HINT)}
          onChange={(e) => setRateText(e.target.value)}
        />
      </FormField>
      <section className="dry-run" aria-label="Dry run" aria-live="polite">
        <h3 className="dry-run-title">Dry run</h3>
        {body === null ? (
          <p className="muted">Fix the fields above to see what would be replayed.</p>
        ) : dryRun.isError && !dryRun.data ? (
          <p className="form-error" role="alert">
            {toApiError(dryRun.error).message}
          </p>
        ) : dryRun.data && !typing ? (
          <DryRunResult result={dryRun.data} />
        ) : (
          <p className="muted" aria-busy="true">
            Counting {describeSelection(body.selection, dlq)}…
          </p>
        )}
      </section>
    </ConfirmDialog>
  );
}
