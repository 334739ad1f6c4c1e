import type { Admin } from 'kafkajs';
import { readKey, type ReadRequest, type RecordReader } from '../kafka/record-reader';
import { decodeCursor, encodeCursor, CursorError, type BrowseOrder } from './cursor';
import type { HandledLookup } from './decide-batch';
import { toDlqRecord } from './dlq-source';
import { deadLetterEssentials, headerIndex } from './record-headers';
import { selectionMatcher, type RecordMatcher } from './selection';
import { recordKey, type DlqRecord, type PartitionOffsets } from './types';

/**
 * Pages through a DLQ, newest or oldest first, across partitions: each partition contributes
 * its next `limit` matching records (filters: error class, key, handled), the page is the
 * first `limit` of them by timestamp, and the cursor remembers, per partition, where the next
 * page continues. Reads are bounded: a window per round, a record budget per partition and an
 * overall deadline; a page may come back short, never blocks.
 */

export interface BrowseQuery {
  limit: number;
  order: BrowseOrder;
  cursor?: string;
  partition?: number;
  /** With `partition`: start there (inclusive). */
  offset?: string;
  /** Epoch ms: oldest-first starts at the first record at/after it, newest-first at/before it. */
  atMs?: number;
  errorClass?: string;
  key?: string;
  /** When set, records it reports as handled are left out. */
  excludeHandled?: HandledLookup;
}

export interface BrowsePage {
  records: DlqRecord[];
  nextCursor: string | null;
  partitions: PartitionOffsets[];
}

export interface BrowseDeps {
  admin: Admin;
  reader: RecordReader;
  timeoutMs: number;
}

interface Lane {
  partition: number;
  start: bigint;
  end: bigint;
  /** newest: exclusive upper bound; oldest: inclusive lower bound. */
  position: bigint;
  /** Where scanning got to (same convention as position). */
  scanned: bigint;
  candidates: DlqRecord[];
  budget: number;
  stalled: boolean;
}

const exhausted = (lane: Lane, order: BrowseOrder, at: bigint): boolean =>
  order === 'newest' ? at <= lane.start : at >= lane.end;

async function logOffsets(admin: Admin, topic: string): Promise<PartitionOffsets[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map((o) => ({ partition: o.partition, start: o.low, end: o.high }))
    .sort((a, b) => a.partition - b.partition);
}

async function startPositions(
  deps: BrowseDeps,
  topic: string,
  q: BrowseQuery,
  log: readonly PartitionOffsets[],
): Promise<Map<number, bigint>> {
  const positions = new Map<number, bigint>();
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor);
    if (cursor.order !== q.order) throw new CursorError('the cursor belongs to the other order');
    for (const [p, o] of cursor.positions) positions.set(p, BigInt(o));
    return positions;
  }
  const byTime = new Map<number, bigint>();
  if (q.atMs !== undefined) {
    // First offset at/after the time; newest-first wants records at or before it: after + 1 ms.
    const ts = q.order === 'oldest' ? q.atMs : q.atMs + 1;
    for (const o of await deps.admin.fetchTopicOffsetsByTimestamp(topic, ts))
      byTime.set(o.partition, BigInt(o.offset));
  }
  for (const p of log) {
    if (q.partition !== undefined && p.partition !== q.partition) continue;
    let at = q.order === 'newest' ? BigInt(p.end) : BigInt(p.start);
    const t = byTime.get(p.partition);
    if (t !== undefined) at = t;
    if (q.offset !== undefined)
      at = q.order === 'newest' ? BigInt(q.offset) + 1n : BigInt(q.offset);
    positions.set(p.partition, at);
  }
  return positions;
}

function matcherFor(q: BrowseQuery): RecordMatcher | null {
  if (q.errorClass === undefined && q.key === undefined) return null;
  return selectionMatcher({
    filter: {
      ...(q.errorClass !== undefined ? { errorClass: q.errorClass } : {}),
      ...(q.key !== undefined ? { key: q.key } : {}),
    },
  });
}

function compare(order: BrowseOrder) {
  const sign = order === 'newest' ? -1 : 1;
  return (a: DlqRecord, b: DlqRecord): number => {
    const byTime = Number(a.timestamp) - Number(b.timestamp);
    if (byTime !== 0) return sign * byTime;
    if (a.partition !== b.partition) return a.partition - b.partition;
    const byOffset = BigInt(a.offset) - BigInt(b.offset);
    return sign * (byOffset > 0n ? 1 : byOffset < 0n ? -1 : 0);
  };
}

export async function browseDlq(
  deps: BrowseDeps,
  topic: string,
  q: BrowseQuery,
): Promise<BrowsePage> {
  const deadline = Date.now() + deps.timeoutMs;
  const log = await logOffsets(deps.admin, topic);
  const starts = await startPositions(deps, topic, q, log);
  const matches = matcherFor(q);
  const window = BigInt(Math.min(500, Math.max(q.limit, 20)));
  const lanes: Lane[] = [];
  for (const p of log) {
    const at = starts.get(p.partition);
    if (at === undefined) continue;
    const start = BigInt(p.start);
    const end = BigInt(p.end);
    const position = at < start ? start : at > end ? end : at;
    lanes.push({
      partition: p.partition,
      start,
      end,
      position,
      scanned: position,
      candidates: [],
      budget: Math.max(20 * q.limit, 2000),
      stalled: false,
    });
  }

  const wanting = () =>
    lanes.filter(
      (l) =>
        !l.stalled &&
        l.candidates.length < q.limit &&
        l.budget > 0 &&
        !exhausted(l, q.order, l.scanned),
    );
  for (let open = wanting(); open.length > 0 && Date.now() < deadline; open = wanting()) {
    const requests: ReadRequest[] = open.map((l) => {
      const lo =
        q.order === 'newest'
          ? l.scanned - window > l.start
            ? l.scanned - window
            : l.start
          : l.scanned;
      const hi =
        q.order === 'newest' ? l.scanned : l.scanned + window < l.end ? l.scanned + window : l.end;
      return { topic, partition: l.partition, offset: lo.toString(), count: Number(hi - lo) };
    });
    const answers = await deps.reader.read(requests, Math.max(100, deadline - Date.now()));
    for (const [i, lane] of open.entries()) {
      const req = requests[i];
      if (!req) continue;
      const got = answers.get(readKey(topic, lane.partition, req.offset));
      if (got === undefined) {
        lane.stalled = true; // not answered in time: this page ends here for the partition
        continue;
      }
      const lo = BigInt(req.offset);
      const hi = lo + BigInt(req.count ?? 1);
      let records = got
        .map((m) => toDlqRecord(lane.partition, m))
        .filter((r) => BigInt(r.offset) >= lo && BigInt(r.offset) < hi);
      if (q.order === 'newest') records.reverse();
      lane.budget -= records.length;
      if (matches)
        records = records.filter((r) => matches(r, deadLetterEssentials(headerIndex(r.headers))));
      if (q.excludeHandled && records.length > 0) {
        const handled = await q.excludeHandled(records);
        records = records.filter((r) => !handled.has(recordKey(r.partition, r.offset)));
      }
      const room = q.limit - lane.candidates.length;
      const kept = records.slice(0, room);
      lane.candidates.push(...kept);
      const last = kept.at(-1);
      if (kept.length === room && last)
        lane.scanned = q.order === 'newest' ? BigInt(last.offset) : BigInt(last.offset) + 1n;
      else lane.scanned = q.order === 'newest' ? lo : hi;
    }
  }

  const page = lanes
    .flatMap((l) => l.candidates)
    .sort(compare(q.order))
    .slice(0, q.limit);
  const taken = new Map<number, DlqRecord>();
  for (const r of page) taken.set(r.partition, r);
  const next = new Map<number, string>();
  let more = false;
  for (const lane of lanes) {
    const last = taken.get(lane.partition);
    const position = last
      ? q.order === 'newest'
        ? BigInt(last.offset)
        : BigInt(last.offset) + 1n
      : lane.candidates.length === 0
        ? lane.scanned
        : lane.position;
    next.set(lane.partition, position.toString());
    if (!exhausted(lane, q.order, position)) more = true;
  }
  return {
    records: page,
    nextCursor: more ? encodeCursor({ order: q.order, positions: next }) : null,
    partitions: log,
  };
}
