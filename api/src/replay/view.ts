import type { DlqSelection, Replay } from '@eventscope/shared';
import type { ReplayRow } from './repository';

/** What the api shows of a replay: the stored row, plus rate and ETA while it runs. */
export function toReplay(
  row: ReplayRow,
  live: { rate: number | null; etaSeconds: number | null } | null,
): Replay {
  const p = row.progress;
  const skipped = p.skipped.loopGuard + p.skipped.handled + p.skipped.noTarget;
  return {
    id: row.id,
    cluster: row.cluster,
    dlq: row.dlq,
    status: row.status,
    selection: row.selection,
    target: row.target,
    ratePerSecond: row.ratePerSecond,
    maxReplayCount: row.maxReplayCount,
    selected: row.selected,
    replayed: p.replayed,
    skipped,
    skippedBy: { ...p.skipped },
    failed: failedOf(row),
    counts: { ...p.counts },
    rate: row.status === 'running' ? (live?.rate ?? null) : null,
    etaSeconds: row.status === 'running' ? (live?.etaSeconds ?? null) : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: row.error,
  };
}

/** Records of the batch that was aborted when a replay failed (stored with its progress). */
function failedOf(row: ReplayRow): number {
  const failed: unknown = (row.progress as unknown as Record<string, unknown>).failed;
  return typeof failed === 'number' && Number.isSafeInteger(failed) && failed >= 0 ? failed : 0;
}

/** A selection as the audit log keeps it: the kind and its size, never 10,000 offsets. */
export function selectionSummary(selection: DlqSelection): Record<string, unknown> {
  if ('all' in selection) return { all: true };
  if ('offsets' in selection)
    return {
      offsets: selection.offsets.length,
      first: selection.offsets.slice(0, 5).map((o) => `${o.partition}/${o.offset}`),
    };
  return { filter: selection.filter };
}
