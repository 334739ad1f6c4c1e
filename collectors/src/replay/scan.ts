import type { Kafka } from 'kafkajs';
import type { DlqSelection } from '@eventscope/shared';
import type { Logger } from '../logger';
import { TimeoutError } from '../timeout';
import { countDecision, decideBatch, type DecidedRecord, type HandledLookup } from './decide-batch';
import { createDlqSource } from './dlq-source';
import { selectionMatcher } from './selection';
import { emptyCounters, type DlqRecord, type PartitionRange, type ReplayCounters } from './types';

/**
 * A dry run: reads the selection's ranges and decides every record exactly as the replay
 * would, producing and committing nothing. The replay itself plans with it too (counts and
 * target topics are known, and checked, before anything is consumed).
 */

export interface ScanOptions {
  dlqTopic: string;
  ranges: readonly PartitionRange[];
  selection: DlqSelection;
  target: string | null;
  maxReplayCount: number;
  isHandled: HandledLookup;
  /** Records to keep as samples of what would be replayed (default 5). */
  samples?: number;
  timeoutMs: number;
  logger: Logger;
  /** Sees every matched record with its decision, batch by batch (discard marks them). */
  onMatched?: (decided: readonly DecidedRecord[]) => Promise<void>;
}

export interface ScanResult {
  counters: ReplayCounters;
  /** Topics records would be produced to. */
  targets: string[];
  samples: DlqRecord[];
}

export async function scanSelection(kafka: Kafka, opts: ScanOptions): Promise<ScanResult> {
  const counters = emptyCounters();
  const samples: DlqRecord[] = [];
  const wanted = opts.samples ?? 5;
  if (opts.ranges.length === 0) return { counters, targets: [], samples };
  const ctx = {
    matches: selectionMatcher(opts.selection),
    target: opts.target,
    maxReplayCount: opts.maxReplayCount,
  };
  const source = createDlqSource(kafka, {
    topic: opts.dlqTopic,
    ranges: opts.ranges,
    logger: opts.logger,
    name: 'scan',
    joinTimeoutMs: opts.timeoutMs,
  });
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  try {
    for (;;) {
      const chunks = await source.take(5000, deadline);
      if (chunks === null) break;
      if (deadline.aborted) throw new TimeoutError('reading the DLQ', opts.timeoutMs);
      const decided = await decideBatch(
        chunks.flatMap((c) => c.records),
        ctx,
        opts.isHandled,
      );
      for (const d of decided) {
        countDecision(counters, d.decision);
        if (d.decision.kind === 'replay' && samples.length < wanted) samples.push(d.record);
      }
      if (opts.onMatched && decided.length > 0) await opts.onMatched(decided);
    }
  } finally {
    await source.close();
  }
  return { counters, targets: Object.keys(counters.counts).sort(), samples };
}
