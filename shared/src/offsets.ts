import { z } from 'zod';

const INT64_MAX = 2n ** 63n - 1n;

/** Kafka offsets are int64: carried as decimal strings and checked with BigInt, never as JS numbers. */
export const OffsetSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'must be a non-negative integer written as a decimal string')
  .refine((s) => BigInt(s) <= INT64_MAX, 'must fit in a signed 64-bit integer');
export type Offset = z.infer<typeof OffsetSchema>;
