import type { DlqSelection } from '@eventscope/shared';
import type { Logger } from '../logger';
import type { ReplayControl } from './control';
import type { HandledLookup, MatchedDecision } from './decide-batch';
import type { PartitionRange, ReplayCounters, ReplayTrace } from './types';
import { REPLAY_GROUP_PREFIX } from '../kafka/own-groups';

/** What the replay engine takes and gives back. */

export const replayGroupId = (replayId: string): string => `${REPLAY_GROUP_PREFIX}${replayId}`;
/** One transactional id per lane, stable across restarts of the replay. */
export const replayTransactionalId = (replayId: string, lane: number): string =>
  `${REPLAY_GROUP_PREFIX}${replayId}-${lane}`;

/** Lanes at most: each is a producer with its own connections. */
export const MAX_LANES = 4;

export interface ReplayedRecord {
  partition: number;
  offset: string;
  timestampMs: number;
  decision: MatchedDecision;
  /** Set for replayed records. */
  trace?: ReplayTrace;
  key: Buffer | null;
}

export interface ReplayBatch {
  /** committed: produced now; recovered: committed by an earlier run, reported again. */
  kind: 'committed' | 'recovered';
  records: ReplayedRecord[];
  /** Partition → position after this batch. */
  positions: Map<number, string>;
  /** The replay's totals after this batch. */
  totals: ReplayCounters;
  /** Offsets of the ranges passed over so far (for progress and ETA). */
  scanned: number;
  startedAtMs: number;
  durationMs: number;
}

export interface ReplayRunOptions {
  replayId: string;
  dlqTopic: string;
  /** Fixed when the replay was created; never extended. */
  ranges: readonly PartitionRange[];
  selection: DlqSelection;
  /** null = each record's origin topic. */
  target: string | null;
  maxReplayCount: number;
  ratePerSecond: number;
  /** Records per transaction at most (default 1000; fewer at low rates). */
  maxBatchRecords?: number;
  /**
   * Transactional lanes at most (default 4, never more than the DLQ's partitions). Fixed for
   * the life of a replay: a resumed replay must use the same number (its committed offsets
   * belong to its lanes' producers).
   */
  lanes?: number;
  /** Positions the caller stored after its last batch (see `recovered`). */
  recorded?: ReadonlyMap<number, string>;
  isHandled: HandledLookup;
  /** Called after each committed (or recovered) batch, one at a time, in order. */
  onBatch(batch: ReplayBatch): Promise<void>;
  control: ReplayControl;
  logger: Logger;
}

export type ReplayOutcome = 'completed' | 'cancelled' | 'stopped' | 'fenced';

export interface ReplayResult {
  outcome: ReplayOutcome;
  totals: ReplayCounters;
}

/** Lanes (transactional producers working side by side) for a replay over `partitions`. */
export function laneCount(partitions: number, max = MAX_LANES): number {
  return Math.max(1, Math.min(max, partitions));
}
