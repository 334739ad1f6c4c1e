import { protocolErrors, protocolErrorsCodesById } from '@platformatic/kafka';

/**
 * A failed Kafka request, named the way kafkajs names its errors (`type` is Kafka's error name,
 * `retriable` whether trying again may succeed), so one classification (replay/errors.ts)
 * covers both clients. Network failures and timeouts have type NETWORK and are retriable.
 */
export class KafkaRequestError extends Error {
  override name = 'KafkaRequestError';
  constructor(
    message: string,
    readonly type: string,
    readonly retriable: boolean,
    /** The client's view of partition leaders is out of date. */
    readonly staleMetadata: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const STALE = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_OR_FOLLOWER',
  'FENCED_LEADER_EPOCH',
]);

/** Kafka's error for a code (unknown codes are not retriable). */
function fromCode(what: string, code: number, serverMessage: string | null): KafkaRequestError {
  const id = protocolErrorsCodesById[code];
  const known = id === undefined ? undefined : protocolErrors[id];
  const type = known?.id ?? `ERROR_${code}`;
  const detail = serverMessage ?? known?.message ?? `Kafka error code ${code}`;
  return new KafkaRequestError(
    `${what} failed: ${type}: ${detail}`,
    type,
    known?.canRetry ?? false,
    STALE.has(type),
  );
}

/** The error itself, then the errors it aggregates and its causes, breadth first. */
function* chain(error: unknown): Generator<object> {
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < 50; i++) {
    const e = queue[i];
    if (typeof e !== 'object' || e === null) continue;
    yield e;
    if ('errors' in e && Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
    if ('cause' in e) queue.push(e.cause);
  }
}

/**
 * Any failure of a request as a KafkaRequestError: a per-item `{ errorCode, errorMessage }`, platformatic's
 * protocol errors (the first one that is not OPERATION_NOT_ATTEMPTED, which only says another
 * item failed), its network errors, or anything else (not retriable).
 */
export function toRequestError(what: string, error: unknown): KafkaRequestError {
  if (error instanceof KafkaRequestError) return error;
  let fallback: KafkaRequestError | undefined;
  let network = false;
  for (const e of chain(error)) {
    if ('errorCode' in e && typeof e.errorCode === 'number' && !(e instanceof Error)) {
      const message =
        'errorMessage' in e && typeof e.errorMessage === 'string' ? e.errorMessage : null;
      return fromCode(what, e.errorCode, message);
    }
    if ('apiCode' in e && typeof e.apiCode === 'number') {
      const message =
        'serverErrorMessage' in e && typeof e.serverErrorMessage === 'string'
          ? e.serverErrorMessage
          : null;
      const found = fromCode(what, e.apiCode, message);
      if (found.type !== 'OPERATION_NOT_ATTEMPTED') return withCause(found, error);
      fallback ??= found;
    }
    if ('code' in e && e.code === 'PLT_KFK_NETWORK') network = true;
  }
  if (fallback) return withCause(fallback, error);
  const message = error instanceof Error ? error.message : String(error);
  return new KafkaRequestError(
    `${what} failed: ${message}`,
    network ? 'NETWORK' : 'UNKNOWN',
    network,
    false,
    { cause: error },
  );
}

function withCause(e: KafkaRequestError, cause: unknown): KafkaRequestError {
  return new KafkaRequestError(e.message, e.type, e.retriable, e.staleMetadata, { cause });
}
