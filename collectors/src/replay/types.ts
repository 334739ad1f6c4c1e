import type { RecordHeaders } from '@eventscope/shared';

/**
 * The shapes the replay engine, the dry-run scan and the DLQ browser share. Offsets are int64
 * decimal strings at the edges; bigint inside loops.
 */

/** One dead letter as read from the DLQ: the bytes exactly as Kafka holds them. */
export interface DlqRecord {
  partition: number;
  offset: string;
  /** Record timestamp, epoch milliseconds as a decimal string (Kafka's form). */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
}

/** The offsets of one DLQ partition a replay reads: `[from, end)`, fixed when it starts. */
export interface PartitionRange {
  partition: number;
  from: string;
  end: string;
}

/** Log start and end offsets of one partition. */
export interface PartitionOffsets {
  partition: number;
  start: string;
  end: string;
}

export type SkipReason = 'loopGuard' | 'handled' | 'noTarget';

export interface SkipCounts {
  loopGuard: number;
  handled: number;
  noTarget: number;
}

/** Running totals of a replay; replayed + skipped = matched. */
export interface ReplayCounters {
  /** Records of the selection seen so far. */
  matched: number;
  replayed: number;
  skipped: SkipCounts;
  /** Replayed records per target topic. */
  counts: Record<string, number>;
}

export const emptyCounters = (): ReplayCounters => ({
  matched: 0,
  replayed: 0,
  skipped: { loopGuard: 0, handled: 0, noTarget: 0 },
  counts: {},
});

/** What happens to one record of a DLQ under a replay's selection and target. */
export type Decision =
  | { kind: 'unselected' }
  | { kind: 'skip'; reason: SkipReason }
  | { kind: 'replay'; target: string };

/** The trace context written on a replayed record, for the "replayed" hop span. */
export interface ReplayTrace {
  traceId: string;
  spanId: string;
  /** The span of the original record's traceparent, if it had one. */
  linked: { traceId: string; spanId: string } | null;
  correlationId: string | null;
}

/** `partition:offset`, the key of a record inside one DLQ. */
export const recordKey = (partition: number, offset: string): string => `${partition}:${offset}`;
