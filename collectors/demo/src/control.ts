/**
 * Controls for the demo workload, independent of any transport: a zod-validated command and the
 * one domain function that applies it. The api mounts them under `/api/demo` with its own
 * authentication and audit.
 */
import { z } from 'zod';
import type { DemoHandle } from './demo';
import { demoServices } from './services';
import type { DemoStatus } from './stats';

const DemoServiceSchema = z.enum(demoServices);

export const DemoCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('pause'), service: DemoServiceSchema }),
  z.strictObject({ action: z.literal('resume'), service: DemoServiceSchema }),
  z.strictObject({ action: z.literal('burst'), count: z.int().min(1).max(10_000) }),
  z.strictObject({ action: z.literal('poison'), count: z.int().min(1).max(1_000) }),
]);
export type DemoCommand = z.infer<typeof DemoCommandSchema>;

/** Applies one command and reports the resulting status. */
export async function applyDemoCommand(
  handle: DemoHandle,
  command: DemoCommand,
): Promise<DemoStatus> {
  switch (command.action) {
    case 'pause':
      await handle.pause(command.service);
      break;
    case 'resume':
      await handle.resume(command.service);
      break;
    case 'burst':
      await handle.burst(command.count);
      break;
    case 'poison':
      handle.poisonNext(command.count);
      break;
  }
  return handle.status();
}
