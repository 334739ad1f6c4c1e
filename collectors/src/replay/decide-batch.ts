import { decide, decideHandled, type DecideContext } from './selection';
import { recordKey, type Decision, type DlqRecord, type ReplayCounters } from './types';

/** Asks the caller's store which of these records were already replayed or discarded (`recordKey`s). */
export type HandledLookup = (
  records: ReadonlyArray<{ partition: number; offset: string }>,
) => Promise<ReadonlySet<string>>;

export const nothingHandled: HandledLookup = () => Promise.resolve(new Set());

export type MatchedDecision = Exclude<Decision, { kind: 'unselected' }>;

export interface DecidedRecord {
  record: DlqRecord;
  decision: MatchedDecision;
}

/** The decisions for the matched records of a batch (unselected ones are left out). */
export async function decideBatch(
  records: readonly DlqRecord[],
  ctx: DecideContext,
  isHandled: HandledLookup,
): Promise<DecidedRecord[]> {
  const matched: DecidedRecord[] = [];
  for (const record of records) {
    const decision = decide(record, ctx);
    if (decision.kind !== 'unselected') matched.push({ record, decision });
  }
  if (matched.length === 0) return matched;
  const handled = await isHandled(
    matched.map(({ record }) => ({ partition: record.partition, offset: record.offset })),
  );
  if (handled.size === 0) return matched;
  return matched.map((m) => {
    const decision = decideHandled(
      m.decision,
      handled.has(recordKey(m.record.partition, m.record.offset)),
    );
    return decision.kind === 'unselected' ? m : { record: m.record, decision };
  });
}

export function countDecision(into: ReplayCounters, decision: MatchedDecision): void {
  into.matched += 1;
  if (decision.kind === 'skip') into.skipped[decision.reason] += 1;
  else {
    into.replayed += 1;
    into.counts[decision.target] = (into.counts[decision.target] ?? 0) + 1;
  }
}
