import { z } from 'zod';
import { GroupStatusCodeSchema, EventSizeSchema } from './lag';

/** Request and response shapes of the lag, topic and DLQ endpoints (DESIGN.md "API sketch"). */

export const ClusterIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a cluster id');
/** Kafka allows [a-zA-Z0-9._-] up to 249 characters for topics; group ids are any string. */
export const TopicNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');
const GroupIdSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const ClusterSummarySchema = z.object({
  id: z.string(),
  brokers: z.array(z.string()),
  reachable: z.boolean(),
  lastSampleAt: z.string().nullable(),
  groupsByStatus: z.record(z.string(), z.number().int()),
  error: z.string().optional(),
});
export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;

export const GroupSortSchema = z.enum(['lagSeconds', 'lagMessages', 'group', 'status', 'members']);

export const GroupListQuerySchema = z.strictObject({
  cluster: ClusterIdSchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(GroupStatusCodeSchema))
    .optional(),
  q: z.string().max(200).optional(),
  sort: GroupSortSchema.default('lagSeconds'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type GroupListQuery = z.infer<typeof GroupListQuerySchema>;

export const GroupSummarySchema = z.object({
  cluster: z.string(),
  group: z.string(),
  state: z.string(),
  status: GroupStatusCodeSchema,
  statusReason: z.string(),
  members: z.number().int().nonnegative(),
  topics: z.array(z.string()),
  lagMessages: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  lagSecondsIsLowerBound: z.boolean(),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

export const GroupPageSchema = z.object({
  total: z.number().int(),
  items: z.array(GroupSummarySchema),
});

export const GroupParamsSchema = z.strictObject({ cluster: ClusterIdSchema, group: GroupIdSchema });
export const TopicParamsSchema = z.strictObject({
  cluster: ClusterIdSchema,
  topic: TopicNameSchema,
});

const IsoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

export const HistoryQuerySchema = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Seconds per point; chosen from the range when absent (about 300 points). */
    step: z.coerce.number().int().min(1).max(86_400).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const GroupHistoryPointSchema = z.object({
  at: z.string(),
  /** null = no sample or unknown in this step: drawn as a gap, never as zero. */
  lagMessages: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  status: GroupStatusCodeSchema.nullable(),
});
export const GroupHistorySchema = z.object({
  from: z.string(),
  to: z.string(),
  step: z.number().int(),
  source: z.enum(['raw', 'rollup']),
  points: z.array(GroupHistoryPointSchema),
});
export type GroupHistory = z.infer<typeof GroupHistorySchema>;

export const TopicHistoryPointSchema = z.object({
  at: z.string(),
  messagesPerSecond: z.number().nullable(),
  bytesPerSecond: z.number().nullable(),
  sizeP50: z.number().nullable(),
  sizeP95: z.number().nullable(),
  sizeP99: z.number().nullable(),
  sizeMax: z.number().nullable(),
});
export const TopicHistorySchema = z.object({
  from: z.string(),
  to: z.string(),
  step: z.number().int(),
  source: z.enum(['raw', 'rollup']),
  points: z.array(TopicHistoryPointSchema),
});

export const TopicListQuerySchema = z.strictObject({
  cluster: ClusterIdSchema.optional(),
  q: z.string().max(200).optional(),
  includeInternal: z.enum(['true', 'false']).optional(),
});

export const TopicSummarySchema = z.object({
  cluster: z.string(),
  topic: z.string(),
  partitions: z.number().int(),
  messagesPerSecond: z.number().nullable(),
  bytesPerSecond: z.number().nullable(),
  size: EventSizeSchema.nullable(),
  isDlq: z.boolean(),
  dlqs: z.array(z.string()),
  consumerGroups: z.array(z.string()),
});
export type TopicSummary = z.infer<typeof TopicSummarySchema>;

export const DlqListQuerySchema = z.strictObject({ cluster: ClusterIdSchema.optional() });
