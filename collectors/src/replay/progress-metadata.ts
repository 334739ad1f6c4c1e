import { emptyCounters, type ReplayCounters } from './types';

/**
 * A replay's running counters travel in the metadata of the offsets it commits, per DLQ
 * partition, in the same Kafka transaction as the records it produced: after a crash the
 * counters read back are exactly those of the records that were committed. Kafka keeps at
 * most `offset.metadata.max.bytes` (4096 by default) per partition, so the per-target counts
 * are dropped (flagged `x`) rather than exceed it.
 */

export const METADATA_MAX_CHARS = 3500;

interface Wire {
  v: 1;
  m: number;
  r: number;
  l: number;
  h: number;
  n: number;
  t?: Record<string, number>;
  /** Per-target counts did not fit. */
  x?: true;
}

export function encodeCounters(c: ReplayCounters): string {
  const wire: Wire = {
    v: 1,
    m: c.matched,
    r: c.replayed,
    l: c.skipped.loopGuard,
    h: c.skipped.handled,
    n: c.skipped.noTarget,
    t: c.counts,
  };
  const full = JSON.stringify(wire);
  if (full.length <= METADATA_MAX_CHARS) return full;
  const { t: _dropped, ...rest } = wire;
  return JSON.stringify({ ...rest, x: true });
}

const count = (v: unknown): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;

/** Counters from committed metadata; empty counters for null, foreign or malformed metadata. */
export function decodeCounters(metadata: string | null | undefined): ReplayCounters {
  if (!metadata) return emptyCounters();
  let wire: unknown;
  try {
    wire = JSON.parse(metadata);
  } catch {
    return emptyCounters();
  }
  if (typeof wire !== 'object' || wire === null || !('v' in wire) || wire.v !== 1)
    return emptyCounters();
  const w = wire as Partial<Record<keyof Wire, unknown>>;
  const counts: Record<string, number> = {};
  if (typeof w.t === 'object' && w.t !== null)
    for (const [topic, n] of Object.entries(w.t)) counts[topic] = count(n);
  return {
    matched: count(w.m),
    replayed: count(w.r),
    skipped: { loopGuard: count(w.l), handled: count(w.h), noTarget: count(w.n) },
    counts,
  };
}

export function addCounters(into: ReplayCounters, more: ReplayCounters): void {
  into.matched += more.matched;
  into.replayed += more.replayed;
  into.skipped.loopGuard += more.skipped.loopGuard;
  into.skipped.handled += more.skipped.handled;
  into.skipped.noTarget += more.skipped.noTarget;
  for (const [topic, n] of Object.entries(more.counts))
    into.counts[topic] = (into.counts[topic] ?? 0) + n;
}

export function sumCounters(all: Iterable<ReplayCounters>): ReplayCounters {
  const total = emptyCounters();
  for (const c of all) addCounters(total, c);
  return total;
}

export function cloneCounters(c: ReplayCounters): ReplayCounters {
  return { ...c, skipped: { ...c.skipped }, counts: { ...c.counts } };
}
