import { z } from 'zod';
import { OffsetSchema } from './offsets';

/**
 * One sample of a Kafka cluster as the collectors see it (DESIGN.md "Data the product
 * computes"). Offsets are int64 decimal strings; counts and seconds are numbers; times are
 * ISO-8601 strings; `null` always means unknown, never zero.
 */

/** A sum of offsets can exceed int64, so it is any non-negative decimal string. */
const DecimalSumSchema = z.string().regex(/^(0|[1-9][0-9]*)$/);
const IsoTimeSchema = z.string();

export const GroupStatusCodeSchema = z.enum([
  'OK',
  'WARN',
  'STALL',
  'STOP',
  'REWIND',
  'EMPTY',
  'UNKNOWN',
]);
export type GroupStatusCode = z.infer<typeof GroupStatusCodeSchema>;

export const GroupStatusSchema = z.object({
  code: GroupStatusCodeSchema,
  /** A sentence in words with numbers, e.g. "offsets have not moved for 4 m while lag grew by 12 k". */
  reason: z.string(),
});
export type GroupStatus = z.infer<typeof GroupStatusSchema>;

export const PartitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  /** Log start and end offsets; null when the topic's offsets could not be read this sample. */
  startOffset: OffsetSchema.nullable(),
  endOffset: OffsetSchema.nullable(),
  /** null: the group has no committed offset for this partition. */
  committedOffset: OffsetSchema.nullable(),
  lagMessages: z.number().int().nonnegative().nullable(),
  lagSeconds: z.number().nonnegative().nullable(),
  /** true when lagSeconds is only known to be at least this (older than the collector's history). */
  lagSecondsIsLowerBound: z.boolean(),
  /** The member the partition is assigned to; null when unassigned. */
  memberId: z.string().nullable(),
  clientId: z.string().nullable(),
  host: z.string().nullable(),
});
export type PartitionLag = z.infer<typeof PartitionLagSchema>;

export const GroupMemberSchema = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignments: z.array(
    z.object({ topic: z.string(), partitions: z.array(z.number().int().nonnegative()) }),
  ),
});
export type GroupMember = z.infer<typeof GroupMemberSchema>;

export const GroupLagSchema = z.object({
  cluster: z.string(),
  group: z.string(),
  /** The broker's group state as kafkajs reports it (Stable, Empty, PreparingRebalance, Dead, …). */
  state: z.string(),
  protocolType: z.string(),
  members: z.array(GroupMemberSchema),
  topics: z.array(z.string()),
  /** Sum over partitions with a known lag; null when none is known. */
  lagMessages: z.number().int().nonnegative().nullable(),
  /** Max over partitions with a known lag; null when none is known. */
  lagSeconds: z.number().nonnegative().nullable(),
  lagSecondsIsLowerBound: z.boolean(),
  partitions: z.array(PartitionLagSchema),
  status: GroupStatusSchema,
});
export type GroupLag = z.infer<typeof GroupLagSchema>;

export const EventSizeSchema = z.object({
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  max: z.number().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type EventSize = z.infer<typeof EventSizeSchema>;

export const TopicStatsSchema = z.object({
  topic: z.string(),
  partitions: z.number().int().nonnegative(),
  /** null when the topic's offsets could not be read this sample. */
  endOffsetSum: DecimalSumSchema.nullable(),
  startOffsetSum: DecimalSumSchema.nullable(),
  /** From the collector's own end-offset history; null until two samples exist. */
  messagesPerSecond: z.number().nonnegative().nullable().optional(),
  /** From the read-only tap; absent when the topic is not tapped. */
  bytesPerSecond: z.number().nonnegative().nullable().optional(),
  /** Bytes per record (key + value + headers) over the tap's window; null when not tapped. */
  size: EventSizeSchema.nullable(),
  isDlq: z.boolean(),
});
export type TopicStats = z.infer<typeof TopicStatsSchema>;

export const DlqErrorClassSchema = z.object({
  class: z.string(),
  count: z.number().int().nonnegative(),
  firstSeen: IsoTimeSchema,
  lastSeen: IsoTimeSchema,
});
export type DlqErrorClass = z.infer<typeof DlqErrorClassSchema>;

export const DlqDiscoverySchema = z.enum(['name', 'config', 'headers']);
export type DlqDiscovery = z.infer<typeof DlqDiscoverySchema>;

export const DlqStatsSchema = z.object({
  cluster: z.string(),
  topic: z.string(),
  sourceTopics: z.array(z.string()),
  discoveredBy: z.array(DlqDiscoverySchema),
  /** Dead letters not yet replayed or discarded; null when the offsets are unknown. */
  depth: z.number().int().nonnegative().nullable(),
  /** Age of the oldest unhandled dead letter; 0 when empty, null when unknown. */
  oldestAgeSeconds: z.number().nonnegative().nullable(),
  /** Arrivals per minute from the end-offset history; null until two samples exist. */
  inflowPerMinute: z.number().nonnegative().nullable(),
  errorClasses: z.array(DlqErrorClassSchema),
});
export type DlqStats = z.infer<typeof DlqStatsSchema>;

export const ClusterSnapshotSchema = z.object({
  cluster: z.string(),
  at: IsoTimeSchema,
  reachable: z.boolean(),
  error: z.string().optional(),
  /** "host:port" of every broker the metadata reported; empty when unreachable. */
  brokers: z.array(z.string()),
  groups: z.array(GroupLagSchema),
  topics: z.array(TopicStatsSchema),
  dlqs: z.array(DlqStatsSchema),
  /** Kafka requests made to take this sample. */
  requests: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type ClusterSnapshot = z.infer<typeof ClusterSnapshotSchema>;
