import { z } from 'zod';

/**
 * One server-sent event on /api/stream: what changed, and the query-key prefixes it made
 * stale (`[["health"], ["consumer-groups", "local"]]`). The SPA invalidates those keys and
 * refetches, so live updates and fetched data share one cache.
 */
export const StreamEventSchema = z.object({
  type: z.string(),
  keys: z.array(z.array(z.union([z.string(), z.number()]))).default([]),
});
export type StreamEvent = z.infer<typeof StreamEventSchema>;
