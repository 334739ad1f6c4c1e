import { TargetMissingError } from './targets';
import { sleep } from './token-bucket';

/**
 * How the replay engine classifies Kafka failures. kafkajs' errors and the wire producer's
 * KafkaRequestError (kafka/wire/request-error.ts) carry the same fields: `type` (Kafka's error
 * name) and `retriable`.
 */

/** A produce or commit failed: the batch was aborted, nothing of it is visible. */
export class ReplayProduceError extends Error {
  override name = 'ReplayProduceError';
  constructor(
    message: string,
    /** Records of the aborted batch. */
    readonly records: number,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/**
 * A failure that may pass by itself (broker unreachable, coordinator moving, a timeout): the
 * replay is worth starting again later, from what Kafka committed. A record too large, a
 * topic that is missing or not writable are not.
 */
export function isTransientKafkaError(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    typeof e === 'object' && e !== null && depth < 10;
    depth++
  ) {
    if (e instanceof TargetMissingError) return false;
    if ('retriable' in e && e.retriable === true) return true;
    if ('name' in e && (e.name === 'TimeoutError' || e.name === 'KafkaJSConnectionError'))
      return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

function errorType(error: unknown): string | undefined {
  for (let e: unknown = error; typeof e === 'object' && e !== null;) {
    if ('type' in e && typeof e.type === 'string') return e.type;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

export function isFenced(error: unknown): boolean {
  const type = errorType(error);
  return type === 'INVALID_PRODUCER_EPOCH' || type === 'PRODUCER_FENCED';
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Coordinator errors a fresh or busy broker answers for a moment (kafkajs does not retry them here). */
function isRetriable(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null;) {
    if ('retriable' in e && e.retriable === true) return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}

export async function retrying<T>(fn: () => Promise<T>, attempts = 40): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isRetriable(error)) throw error;
      await sleep(Math.min(1000, 50 * i));
    }
  }
}
