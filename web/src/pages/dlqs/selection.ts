import type { DlqFilter, DlqSelection, ReplayDryRun } from '@eventscope/shared';
import type { MessageBrowse } from '../../hooks/useDlqMessages';
import { formatExact } from '../../lib/format';

/**
 * What a replay or discard acts on, in the words of the dialog: the ticked messages, every
 * record matching the browser's filter, or every dead letter in the DLQ.
 */
export type SelectionMode = 'selected' | 'filter' | 'all';

export interface RecordRef {
  partition: number;
  offset: string;
}

/** The browser's filters as a selection filter; the jump points (time, offset) are not filters. */
export function filterOf(browse: MessageBrowse): DlqFilter {
  const filter: DlqFilter = {};
  if (browse.errorClass !== null) filter.errorClass = browse.errorClass;
  if (browse.key !== null) filter.key = browse.key;
  if (browse.partition !== null) filter.partition = browse.partition;
  return filter;
}

export function selectionFor(
  mode: SelectionMode,
  selected: readonly RecordRef[],
  browse: MessageBrowse,
): DlqSelection {
  if (mode === 'selected') {
    return { offsets: selected.map(({ partition, offset }) => ({ partition, offset })) };
  }
  if (mode === 'filter') return { filter: filterOf(browse) };
  return { all: true };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatExact(n)} ${n === 1 ? one : many}`;

export const messages = (n: number) => plural(n, 'message');

/** "error class X, key “k”, partition 0"; empty when the filter narrows nothing. */
export function describeFilter(f: DlqFilter): string {
  return [
    f.errorClass ? `error class ${f.errorClass}` : null,
    f.key !== undefined ? `key “${f.key}”` : null,
    f.partition !== undefined ? `partition ${f.partition}` : null,
    f.header ? `header ${f.header.name}=${f.header.value}` : null,
    f.from ? `from ${f.from}` : null,
    f.to ? `until ${f.to}` : null,
  ]
    .filter((p): p is string => p !== null)
    .join(', ');
}

/** "the 3 selected messages", "dead letters in d with error class X", "every dead letter in d". */
export function describeSelection(selection: DlqSelection, dlq: string): string {
  if ('offsets' in selection) return `the ${plural(selection.offsets.length, 'selected message')}`;
  const filter = 'filter' in selection ? describeFilter(selection.filter) : '';
  return filter ? `dead letters in ${dlq} with ${filter}` : `every dead letter in ${dlq}`;
}

export const totalOf = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Target topics that would receive at least one record, alphabetically. */
export const topicsOf = (counts: Record<string, number>) =>
  Object.keys(counts)
    .filter((t) => (counts[t] ?? 0) > 0)
    .sort();

/**
 * The confirm button says what it does (UI.md "Interaction"): "Replay 1,204 messages to
 * payments", or "… to their original topics (payments, shipments)" when origins differ.
 */
export function replayLabel(counts: Record<string, number>, target: string | null): string {
  const total = totalOf(counts);
  if (total === 0) return 'Nothing to replay';
  const topics = topicsOf(counts);
  if (target !== null) return `Replay ${messages(total)} to ${target}`;
  if (topics.length === 1) return `Replay ${messages(total)} to ${topics[0] ?? ''}`;
  return `Replay ${messages(total)} to their original topics (${topics.join(', ')})`;
}

export function discardLabel(count: number): string {
  return count === 0 ? 'Nothing to discard' : `Discard ${messages(count)}`;
}

/** The records a dry run would leave where they are, each reason in words; zeros are left out. */
export function skipLines(skipped: ReplayDryRun['skipped'], maxReplayCount: number): string[] {
  return [
    skipped.loopGuard > 0
      ? `${messages(skipped.loopGuard)} already replayed ${maxReplayCount} times (loop guard)`
      : null,
    skipped.handled > 0 ? `${messages(skipped.handled)} already replayed or discarded` : null,
    skipped.noTarget > 0
      ? `${messages(skipped.noTarget)} without an origin topic in their headers`
      : null,
  ].filter((l): l is string => l !== null);
}

/** "org.apache.kafka.common.errors.SerializationException" → "SerializationException". */
export function shortClass(fqcn: string): string {
  const last = fqcn.split(/[.$]/).pop();
  return last || fqcn;
}
