import { z } from 'zod';

const INT64_MAX = 2n ** 63n - 1n;
const decimal = /^(0|[1-9][0-9]{0,18})$/;

/** Kafka offsets are int64: carried as decimal strings and checked with BigInt, never as JS numbers. */
export const OffsetSchema = z
  .string()
  .regex(decimal, 'must be a non-negative integer written as a decimal string')
  // zod runs refinements even after the regex failed: guard before BigInt, which throws.
  .refine((s) => !decimal.test(s) || BigInt(s) <= INT64_MAX, 'must fit in a signed 64-bit integer');
export type Offset = z.infer<typeof OffsetSchema>;
