import { z } from 'zod';
import { ClusterIdSchema, TopicNameSchema } from './lag-api';
import { OffsetSchema } from './offsets';

/**
 * DLQ browse, replay and discard (DESIGN.md "API sketch", issue #7). Offsets are int64
 * decimal strings, times ISO-8601, `null` means unknown.
 */

const IsoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
const PartitionSchema = z.coerce.number().int().min(0).max(100_000);

export const DlqParamsSchema = z.strictObject({ cluster: ClusterIdSchema, topic: TopicNameSchema });
export const ReplayParamsSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a replay id'),
});

// ---------------------------------------------------------------------------------- browse

export const DlqMessagesQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** Opaque, from the previous page's `nextCursor`. */
    cursor: z.string().max(4096).optional(),
    order: z.enum(['newest', 'oldest']).default('newest'),
    /** Only this partition; with `offset`, start there (inclusive). */
    partition: PartitionSchema.optional(),
    offset: OffsetSchema.optional(),
    /** Start at the first record at or after this time (`oldest`) or at or before it (`newest`). */
    at: IsoDate.optional(),
    errorClass: z.string().max(500).optional(),
    /** Exact key match (UTF-8). */
    key: z.string().max(1000).optional(),
    /** Show records already replayed or discarded too (default true; they carry `handled`). */
    includeHandled: z.enum(['true', 'false']).default('true'),
  })
  .refine((q) => q.offset === undefined || q.partition !== undefined, {
    message: 'offset needs partition',
    path: ['offset'],
  });
export type DlqMessagesQuery = z.infer<typeof DlqMessagesQuerySchema>;

export const PayloadEncodingSchema = z.enum(['json', 'text', 'hex', 'null']);
export type PayloadEncoding = z.infer<typeof PayloadEncodingSchema>;

export const DecodedHeaderSchema = z.object({
  key: z.string(),
  /** UTF-8 text, or hex when the bytes are not valid UTF-8 (Spring's binary ints/longs). */
  value: z.string(),
  encoding: z.enum(['utf8', 'hex']),
  /** Spring's binary ints/longs and Connect's decimal strings decoded: "3", "2026-…". */
  decoded: z.string().optional(),
});
export type DecodedHeader = z.infer<typeof DecodedHeaderSchema>;

export const HandledMarkSchema = z.object({
  kind: z.enum(['replayed', 'discarded']),
  replayId: z.string().nullable(),
  at: z.string(),
  by: z.string().nullable(),
});
export type HandledMark = z.infer<typeof HandledMarkSchema>;

export const DlqMessageSchema = z.object({
  partition: z.number().int().nonnegative(),
  offset: OffsetSchema,
  timestamp: z.string(),
  key: z.string().nullable(),
  keyEncoding: PayloadEncodingSchema,
  headers: z.array(DecodedHeaderSchema),
  /** Pretty JSON, text or hex per `valueEncoding`; masked per EVENTSCOPE_MASKING. */
  value: z.string().nullable(),
  valueEncoding: PayloadEncodingSchema,
  /** True when the value was cut to the display limit (the replay always copies all bytes). */
  valueTruncated: z.boolean(),
  sizeBytes: z.number().int().nonnegative(),
  convention: z.enum(['spring', 'connect']).nullable(),
  origin: z
    .object({
      topic: z.string(),
      partition: z.number().int().nullable(),
      offset: OffsetSchema.nullable(),
    })
    .nullable(),
  error: z.object({ class: z.string().nullable(), message: z.string().nullable() }).nullable(),
  consumerGroup: z.string().nullable(),
  correlationId: z.string().nullable(),
  traceId: z.string().nullable(),
  /** How many times this record was already replayed (x-eventscope-replay-count). */
  replayCount: z.number().int().nonnegative(),
  handled: HandledMarkSchema.nullable(),
});
export type DlqMessage = z.infer<typeof DlqMessageSchema>;

export const DlqPartitionRangeSchema = z.object({
  partition: z.number().int().nonnegative(),
  start: OffsetSchema,
  end: OffsetSchema,
});

export const DlqMessagePageSchema = z.object({
  messages: z.array(DlqMessageSchema),
  nextCursor: z.string().nullable(),
  partitions: z.array(DlqPartitionRangeSchema),
});
export type DlqMessagePage = z.infer<typeof DlqMessagePageSchema>;

// -------------------------------------------------------------------------------- selection

export const HeaderMatchSchema = z.strictObject({
  name: z.string().min(1).max(255),
  value: z.string().max(4096),
});

export const DlqFilterSchema = z
  .strictObject({
    errorClass: z.string().min(1).max(500).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    key: z.string().max(1000).optional(),
    header: HeaderMatchSchema.optional(),
    partition: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type DlqFilter = z.infer<typeof DlqFilterSchema>;

export const MAX_SELECTED_OFFSETS = 10_000;

export const DlqSelectionSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({
    offsets: z
      .array(
        z.strictObject({ partition: z.number().int().min(0).max(100_000), offset: OffsetSchema }),
      )
      .min(1)
      .max(MAX_SELECTED_OFFSETS),
  }),
  z.strictObject({ filter: DlqFilterSchema }),
]);
export type DlqSelection = z.infer<typeof DlqSelectionSchema>;

// ----------------------------------------------------------------------------------- replay

/** Server-side cap on one replay's rate (records/s); see EVENTSCOPE_REPLAY_MAX_RATE. */
export const MAX_REPLAY_RATE = 1_000_000;

export const ReplayRequestSchema = z.strictObject({
  selection: DlqSelectionSchema,
  /** Default: each record's origin topic from its dead-letter headers. */
  target: TopicNameSchema.optional(),
  /** Records per second; absent = the server's cap. */
  ratePerSecond: z.number().int().min(1).max(MAX_REPLAY_RATE).optional(),
  dryRun: z.boolean().default(false),
  /** Records already replayed this many times are skipped (loop guard). */
  maxReplayCount: z.number().int().min(1).max(100).default(3),
});
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

export const SkipCountsSchema = z.object({
  /** Replay count reached `maxReplayCount`. */
  loopGuard: z.number().int().nonnegative(),
  /** Already replayed or discarded. */
  handled: z.number().int().nonnegative(),
  /** No target given and no origin topic in the headers. */
  noTarget: z.number().int().nonnegative(),
});

export const ReplayDryRunSchema = z.object({
  dryRun: z.literal(true),
  selected: z.number().int().nonnegative(),
  /** Records that would be produced, per target topic. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  skipped: SkipCountsSchema,
  samples: z.array(DlqMessageSchema),
});
export type ReplayDryRun = z.infer<typeof ReplayDryRunSchema>;

export const ReplayAcceptedSchema = z.object({ id: z.string() });

export const ReplayStatusSchema = z.enum([
  'pending',
  'running',
  'paused',
  'cancelled',
  'completed',
  'failed',
]);
export type ReplayStatus = z.infer<typeof ReplayStatusSchema>;

export const ReplaySchema = z.object({
  id: z.string(),
  cluster: z.string(),
  dlq: z.string(),
  status: ReplayStatusSchema,
  selection: DlqSelectionSchema,
  target: z.string().nullable(),
  ratePerSecond: z.number().int().positive(),
  maxReplayCount: z.number().int().positive(),
  /** Records in the selection up to the end offsets fixed at start; null until counted. */
  selected: z.number().int().nonnegative().nullable(),
  replayed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  skippedBy: SkipCountsSchema,
  failed: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Records per second over the last few batches; null when not running. */
  rate: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type Replay = z.infer<typeof ReplaySchema>;

export const ReplayListQuerySchema = z.strictObject({
  cluster: ClusterIdSchema.optional(),
  dlq: TopicNameSchema.optional(),
  status: ReplayStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

// ---------------------------------------------------------------------------------- discard

export const DiscardRequestSchema = z.strictObject({
  selection: DlqSelectionSchema,
  comment: z.string().max(1000).optional(),
  dryRun: z.boolean().default(false),
});
export const DiscardResultSchema = z.object({
  dryRun: z.boolean(),
  discarded: z.number().int().nonnegative(),
  alreadyHandled: z.number().int().nonnegative(),
});
export type DiscardResult = z.infer<typeof DiscardResultSchema>;
