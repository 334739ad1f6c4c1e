import type { DlqSelection, Replay, ReplayStatus } from '@eventscope/shared';
import { formatExact } from '../../lib/format';
import type { StatusRole } from '../../lib/status';

/** Replay states in the one status language: a word, a colour role and a meaning on hover. */
const STATUS: Record<ReplayStatus, { role: StatusRole; tooltip: string }> = {
  pending: { role: 'warn', tooltip: 'Accepted, waiting for a replay worker' },
  running: { role: 'empty', tooltip: 'Producing records to their targets' },
  paused: { role: 'warn', tooltip: 'Paused by an operator: resume or cancel it' },
  cancelled: { role: 'muted', tooltip: 'Cancelled: records not yet replayed stay in the DLQ' },
  completed: { role: 'ok', tooltip: 'Every selected record was replayed or skipped' },
  failed: {
    role: 'crit',
    tooltip: 'Stopped on an error: records not yet replayed stay in the DLQ',
  },
};

export function ReplayStatusBadge({ status }: { status: ReplayStatus }) {
  const info = STATUS[status];
  return (
    <span className={`badge role-${info.role}`} title={info.tooltip}>
      {status}
    </span>
  );
}

/** A selection in a table cell: "3 records", "all", "error class X". */
export function shortSelection(selection: DlqSelection): string {
  if ('all' in selection) return 'all';
  if ('offsets' in selection) {
    const n = selection.offsets.length;
    return `${formatExact(n)} ${n === 1 ? 'record' : 'records'}`;
  }
  const f = selection.filter;
  const parts = [
    f.errorClass ? `error ${f.errorClass.split('.').pop() ?? f.errorClass}` : null,
    f.key !== undefined ? `key ${f.key}` : null,
    f.partition !== undefined ? `partition ${f.partition}` : null,
    f.header ? `header ${f.header.name}` : null,
    f.from || f.to ? 'time range' : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? 'all' : parts.join(', ');
}

/** "1,020 / 1,204" replayed of selected; the selection is unknown until counted. */
export function ReplayedOf({ replay }: { replay: Replay }) {
  const of = replay.selected === null ? '?' : formatExact(replay.selected);
  return (
    <span className="num" title={`${formatExact(replay.replayed)} replayed of ${of} selected`}>
      {formatExact(replay.replayed)} / {of}
    </span>
  );
}

/** Where a replay writes: one chosen topic, or each record's origin. */
export function ReplayTarget({ replay }: { replay: Replay }) {
  if (replay.target !== null) return <span className="mono">{replay.target}</span>;
  const topics = Object.keys(replay.counts).sort();
  return (
    <span title="Each record goes back to the topic named in its dead-letter headers">
      origin{topics.length > 0 ? <span className="mono"> ({topics.join(', ')})</span> : null}
    </span>
  );
}
