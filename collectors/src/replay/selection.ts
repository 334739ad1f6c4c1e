import { replayHeaders, type DlqSelection } from '@eventscope/shared';
import { UNKNOWN_ERROR_CLASS } from '../dlq/error-classes';
import {
  deadLetterEssentials,
  headerIndex,
  indexString,
  type DeadLetterEssentials,
} from './record-headers';
import type { Decision, DlqRecord, PartitionOffsets, PartitionRange } from './types';

/**
 * Which records a replay selection covers and what happens to each: pure functions, shared by
 * the dry run, the replay engine and the browser's filters.
 */

export type RecordMatcher = (record: DlqRecord, info: DeadLetterEssentials | null) => boolean;

function utf8(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('utf8');
}

/** The exception class a dead letter reports, or `unknown` (as the DLQ list groups them). */
export function errorClassOf(info: DeadLetterEssentials | null): string {
  return info?.exceptionClass ?? UNKNOWN_ERROR_CLASS;
}

/** How many times a record was already replayed (x-eventscope-replay-count), 0 when absent or bad. */
export function replayCountOf(record: Pick<DlqRecord, 'headers'>): number {
  const text = indexString(headerIndex(record.headers), replayHeaders.replayCount);
  if (text === null || !/^\s*\d{1,9}\s*$/.test(text)) return 0;
  return Number(text.trim());
}

export function selectionMatcher(selection: DlqSelection): RecordMatcher {
  if ('all' in selection) return () => true;
  if ('offsets' in selection) {
    const wanted = new Set(selection.offsets.map((o) => `${o.partition}:${BigInt(o.offset)}`));
    return (r) => wanted.has(`${r.partition}:${BigInt(r.offset)}`);
  }
  const f = selection.filter;
  const from = f.from === undefined ? null : Date.parse(f.from);
  const to = f.to === undefined ? null : Date.parse(f.to);
  return (r, info) => {
    if (f.partition !== undefined && r.partition !== f.partition) return false;
    const ts = Number(r.timestamp);
    if (from !== null && !(ts >= from)) return false;
    if (to !== null && !(ts < to)) return false;
    if (f.errorClass !== undefined && errorClassOf(info) !== f.errorClass) return false;
    if (f.key !== undefined && utf8(r.key) !== f.key) return false;
    if (
      f.header !== undefined &&
      indexString(headerIndex(r.headers), f.header.name) !== f.header.value
    )
      return false;
    return true;
  };
}

export interface DecideContext {
  matches: RecordMatcher;
  /** A chosen target topic; null = each record's origin topic from its dead-letter headers. */
  target: string | null;
  maxReplayCount: number;
}

/**
 * The decision for one record. `handled` (already replayed or discarded) is known only to the
 * caller's store, so it is asked separately, for matched records only (see `decideHandled`).
 */
export function decide(record: DlqRecord, ctx: DecideContext): Decision {
  const info = deadLetterEssentials(headerIndex(record.headers));
  if (!ctx.matches(record, info)) return { kind: 'unselected' };
  if (replayCountOf(record) >= ctx.maxReplayCount) return { kind: 'skip', reason: 'loopGuard' };
  const target = ctx.target ?? info?.originalTopic ?? null;
  if (!target) return { kind: 'skip', reason: 'noTarget' };
  return { kind: 'replay', target };
}

/** A matched record already replayed or discarded is skipped whatever else holds. */
export function decideHandled(decision: Decision, handled: boolean): Decision {
  if (decision.kind === 'unselected' || !handled) return decision;
  return { kind: 'skip', reason: 'handled' };
}

const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * The partition ranges a selection needs, within the log as it is now: `[start, end)` per
 * partition, narrowed by a partition filter, by listed offsets, or by a `from` time (`fromTime`
 * holds the first offset at or after it, per partition). Empty ranges are left out.
 */
export function rangesFor(
  selection: DlqSelection,
  log: readonly PartitionOffsets[],
  fromTime?: ReadonlyMap<number, string>,
): PartitionRange[] {
  const ranges: PartitionRange[] = [];
  for (const p of log) {
    let from = BigInt(p.start);
    let end = BigInt(p.end);
    if ('offsets' in selection) {
      const mine = selection.offsets.filter((o) => o.partition === p.partition);
      if (mine.length === 0) continue;
      const offsets = mine.map((o) => BigInt(o.offset));
      from = maxBig(from, offsets.reduce(minBig));
      end = minBig(end, offsets.reduce(maxBig) + 1n);
    } else if ('filter' in selection) {
      const f = selection.filter;
      if (f.partition !== undefined && f.partition !== p.partition) continue;
      const at = fromTime?.get(p.partition);
      if (at !== undefined) from = maxBig(from, BigInt(at));
    }
    if (end > from)
      ranges.push({ partition: p.partition, from: from.toString(), end: end.toString() });
  }
  return ranges.sort((a, b) => a.partition - b.partition);
}

/** Records the ranges hold at most (control records and compaction make it an upper bound). */
export function rangeSize(ranges: readonly PartitionRange[]): number {
  let total = 0n;
  for (const r of ranges) total += maxBig(0n, BigInt(r.end) - BigInt(r.from));
  return Number(total);
}
