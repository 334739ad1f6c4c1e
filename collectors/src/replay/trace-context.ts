import { createHash } from 'node:crypto';
import type { TraceContext } from '../hops/trace-context';

/**
 * W3C trace context for replayed records. Ids are derived from (replay, DLQ record) so that a
 * batch produced again after a crash carries the same ids, and the "replayed" span written
 * for it is the same span (the span store ignores duplicates).
 */

/** A parsed `traceparent`; the parser is shared with the hop spans. */
export type TraceParent = Pick<TraceContext, 'traceId' | 'spanId' | 'flags'>;

export function formatTraceparent(tp: TraceParent): string {
  return `00-${tp.traceId}-${tp.spanId}-${tp.flags}`;
}

/** Per (replay, DLQ): eight 32-bit words of SHA-256, the seed every id of that replay mixes in. */
const seeds = new Map<string, Uint32Array>();

function seedOf(replayId: string, dlqTopic: string): Uint32Array {
  const key = `${replayId}\u0000${dlqTopic}`;
  let seed = seeds.get(key);
  if (!seed) {
    const hash = createHash('sha256').update(`eventscope-replay\u0000${key}`).digest();
    seed = new Uint32Array(8);
    for (let i = 0; i < 8; i++) seed[i] = hash.readUInt32BE(i * 4);
    if (seeds.size > 1000) seeds.clear();
    seeds.set(key, seed);
  }
  return seed;
}

/** MurmurHash3's finaliser: a cheap, well-mixing 32-bit permutation. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 2 ** 32;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (h: number): string =>
  `${HEX[h >>> 24] ?? ''}${HEX[(h >>> 16) & 255] ?? ''}${HEX[(h >>> 8) & 255] ?? ''}${HEX[h & 255] ?? ''}`;

/** An offset's low and high 32 bits (offsets are int64 decimal strings). */
function halves(offset: string): [number, number] {
  if (offset.length <= 15) {
    const n = Number(offset);
    return [n % TWO_32, Math.floor(n / TWO_32)];
  }
  const n = BigInt(offset);
  return [Number(n & 0xffffffffn), Number(n >> 32n)];
}

/** `words` 32-bit words of a record's id, as hex; never all zeros. */
function recordId(
  seed: Uint32Array,
  from: number,
  words: number,
  p: number,
  offset: string,
): string {
  const [lo, hi] = halves(offset);
  let out = '';
  let any = 0;
  let h = fmix32((seed[from] ?? 0) ^ Math.imul(p + 1, 0x9e3779b1));
  for (let i = 0; i < words; i++) {
    h = fmix32(h ^ lo ^ (seed[(from + i) % 8] ?? 0));
    h = fmix32(h ^ hi ^ Math.imul(i + 1, 0x7f4a7c15));
    any |= h;
    out += hex32(h);
  }
  return any === 0 ? `${out.slice(0, -1)}1` : out;
}

/**
 * The traceparent of a replayed record: the original trace id when it had one (the replay
 * joins that trace), else a new one; always a new span id.
 */
export function replayTraceparent(
  original: TraceParent | null,
  replayId: string,
  dlqTopic: string,
  partition: number,
  offset: string,
): TraceParent {
  const seed = seedOf(replayId, dlqTopic);
  return {
    traceId: original?.traceId ?? recordId(seed, 2, 4, partition, offset),
    spanId: recordId(seed, 0, 2, partition, offset),
    flags: original?.flags ?? '01',
  };
}
