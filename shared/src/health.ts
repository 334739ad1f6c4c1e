import { z } from 'zod';

export const ComponentStatusSchema = z.enum(['up', 'down']);

export const ClusterHealthSchema = z.object({
  id: z.string(),
  brokers: z.array(z.string()),
  reachable: z.boolean(),
  /** Round-trip of the last metadata call; null while unreachable. */
  latencyMs: z.number().nullable(),
  brokersUp: z.number().int().nullable(),
  checkedAt: z.string().nullable(),
  error: z.string().optional(),
});
export type ClusterHealth = z.infer<typeof ClusterHealthSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  startedAt: z.string(),
  store: z.object({
    engine: z.enum(['pglite', 'postgres']),
    status: ComponentStatusSchema,
    error: z.string().optional(),
  }),
  clusters: z.array(ClusterHealthSchema),
});
export type Health = z.infer<typeof HealthSchema>;
