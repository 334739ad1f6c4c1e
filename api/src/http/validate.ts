import type { z } from 'zod';
import { BadRequestError } from '../domain/errors';

/** Parses input at the boundary; a failure names each bad field in `details`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path || what}: ${first.message}` : 'invalid';
  throw new BadRequestError(`invalid ${what}: ${summary}`, { issues });
}
