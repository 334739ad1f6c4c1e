import { createHash } from 'node:crypto';
import type { HopKind } from '@eventscope/shared';

/** Where a record lives: enough to name it for ever (records are immutable). */
export interface RecordRef {
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
}

function hexDigest(parts: readonly string[], hexDigits: number): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, hexDigits);
  // W3C ids must not be all zeros; a digest that is has probability 2^-64 at worst.
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

/**
 * The span id of a record's hop: a hash of cluster, topic, partition, offset, hop kind and
 * (queued hops) consumer group. Reading a record again yields the same ids, so the store's
 * (trace id, span id) key drops the repeat instead of duplicating the span.
 */
export function hopSpanId(ref: RecordRef, kind: HopKind, group = ''): string {
  return hexDigest(
    ['hop', ref.cluster, ref.topic, String(ref.partition), ref.offset, kind, group],
    16,
  );
}

/**
 * The trace id of records that carry a correlation id but no trace context: the same for every
 * record of one business transaction, on any topic and cluster, so they form one trace.
 */
export function correlationTraceId(correlationId: string): string {
  return hexDigest(['correlation', correlationId], 32);
}
