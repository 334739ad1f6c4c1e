import {
  applyDemoCommand,
  DemoStoppedError,
  type DemoCommand,
  type DemoHandle,
  type DemoStatus,
} from '@eventscope/demo';
import { authorize, type Actor } from './auth/principal';
import { ConflictError, NotFoundError } from './errors';

/** The demo workload runs only with the bundled local Kafka; set once it has started. */
export interface DemoHolder {
  handle?: DemoHandle;
}

function running(holder: DemoHolder): DemoHandle {
  if (!holder.handle)
    throw new NotFoundError(
      'the demo workload (it runs only with `npm start` and no KAFKA_BROKERS)',
    );
  return holder.handle;
}

export function demoStatus(holder: DemoHolder, actor: Actor): DemoStatus {
  authorize(actor, 'viewer');
  return running(holder).status();
}

/** Pausing a consumer or poisoning payments changes what the product shows: operators only. */
export async function runDemoCommand(
  holder: DemoHolder,
  actor: Actor,
  command: DemoCommand,
): Promise<DemoStatus> {
  authorize(actor, 'operator');
  try {
    return await applyDemoCommand(running(holder), command);
  } catch (error) {
    if (error instanceof DemoStoppedError) throw new ConflictError('the demo workload has stopped');
    throw error;
  }
}
