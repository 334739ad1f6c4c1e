import { isDlqTopic, type Span } from '@eventscope/shared';
import { firstHop, queuedHop, type HopLookup, type HopSettings, type RecordHop } from './derive';
import type { RecordFacts } from './record-facts';

/** group → topic → partition → committed offset, as the sampler reads them. */
export type CommittedOffsets = ReadonlyMap<
  string,
  ReadonlyMap<string, ReadonlyMap<number, string>>
>;

/** When a sample read the committed offsets: after `fromMs`, before `toMs`. */
export interface SampleWindow {
  fromMs: number;
  toMs: number;
}

export interface HopTrackerOptions {
  cluster: string;
  sampleIntervalMs: number;
  /** Service name of hop spans (default "kafka"). */
  service?: string;
  /** DLQ topics by name (default: the naming conventions). */
  isDlq?: (topic: string) => boolean;
  /** Records waiting for a group's commit, per partition (default 5,000) and in all (50,000). */
  maxPendingPerPartition?: number;
  maxPending?: number;
  /** A record nobody consumed for this long stops waiting (default 6 h). */
  maxPendingAgeMs?: number;
  /** Recent records and CloudEvents ids kept for joins (default 20,000). */
  maxRemembered?: number;
  /**
   * A queued hop is emitted only when its end is known this closely (default the larger of five
   * sample intervals and 30 s); a wait that cannot be placed (the commit passed while the tap was
   * away) is counted as unresolved instead of being drawn too long.
   */
  maxResolutionMs?: number;
}

export interface HopTrackerStats {
  pending: number;
  /** Records that stopped waiting (caps or age) before every group consumed them. */
  dropped: number;
  /** Queued hops not emitted because their end was not known closely enough. */
  unresolved: number;
  remembered: number;
}

interface Pending {
  facts: RecordFacts;
  hop: RecordHop;
  offset: bigint;
  /** Groups whose queued hop was emitted. */
  closed: Set<string>;
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const recordKey = (topic: string, partition: number, offset: string) =>
  `r\u0000${topic}\u0000${partition}\u0000${offset}`;
const eventKey = (id: string) => `e\u0000${id}`;

/**
 * Turns records read by the tap into hop spans. `observe` gives each new record its first hop
 * (produced or dead-lettered) and keeps it waiting; `close` emits a queued hop per consumer group
 * once the group's committed offset passes the record. Memory is bounded: waiting records per
 * partition and in all, their age, and the records remembered for joins are all capped.
 */
export class HopTracker {
  private readonly settings: HopSettings;
  private readonly isDlq: (topic: string) => boolean;
  private readonly maxPerPartition: number;
  private readonly maxPending: number;
  private readonly maxAgeMs: number;
  private readonly maxRemembered: number;
  private readonly maxResolutionMs: number;
  private unresolved = 0;
  /** Topics records were read from: their groups' commits are followed from sample to sample. */
  private readonly seenTopics = new Set<string>();
  private readonly pending = new Map<string, Pending[]>();
  private pendingCount = 0;
  private dropped = 0;
  /** Two generations: lookups see both; when the newer fills up, the older is dropped (O(1)). */
  private remembered = new Map<string, RecordHop>();
  private rememberedBefore = new Map<string, RecordHop>();
  /** group\0topic\0partition → committed offset at the previous sample, and when it was read. */
  private previous = new Map<string, { committed: bigint; atMs: number }>();
  private readonly lookup: HopLookup = {
    record: (topic, partition, offset) => this.recall(recordKey(topic, partition, offset)),
    event: (id) => this.recall(eventKey(id)),
  };

  constructor(options: HopTrackerOptions) {
    this.settings = {
      cluster: options.cluster,
      service: options.service ?? 'kafka',
      sampleIntervalMs: options.sampleIntervalMs,
    };
    this.isDlq = options.isDlq ?? isDlqTopic;
    this.maxPerPartition = options.maxPendingPerPartition ?? 5_000;
    this.maxPending = options.maxPending ?? 50_000;
    this.maxAgeMs = options.maxPendingAgeMs ?? 6 * 60 * 60 * 1000;
    this.maxRemembered = options.maxRemembered ?? 20_000;
    this.maxResolutionMs =
      options.maxResolutionMs ?? Math.max(5 * options.sampleIntervalMs, 30_000);
  }

  /** First hops of newly read records; the records then wait for their consumer groups. */
  observe(records: readonly RecordFacts[]): Span[] {
    const spans: Span[] = [];
    // Oldest first, so an event's cause is remembered before the event looks it up.
    const ordered = [...records].sort((a, b) => a.timestampMs - b.timestampMs);
    const touched = new Set<Pending[]>();
    for (const facts of ordered) {
      if (this.seenTopics.size > 10_000) this.seenTopics.clear();
      this.seenTopics.add(facts.topic);
      const onDlq = this.isDlq(facts.topic);
      const derived = firstHop(facts, this.settings, this.lookup, onDlq);
      if (!derived) continue;
      spans.push(derived.span);
      this.remember(recordKey(facts.topic, facts.partition, facts.offset), derived.hop);
      // A dead letter or a replayed record repeats its original's event id: the original keeps it.
      if (facts.eventId !== null && facts.deadLetter === null && !onDlq)
        if (!this.recall(eventKey(facts.eventId)))
          this.remember(eventKey(facts.eventId), derived.hop);
      touched.add(this.enqueue(facts, derived.hop));
    }
    // Over the per-partition cap, the oldest stop waiting (trimmed once per list, not per record).
    for (const list of touched) {
      const excess = list.length - this.maxPerPartition;
      if (excess <= 0) continue;
      list.splice(0, excess);
      this.pendingCount -= excess;
      this.dropped += excess;
    }
    this.enforceTotal();
    return spans;
  }

  /** Queued hops of the groups whose committed offsets (read within `window`) passed waiting records. */
  close(committed: CommittedOffsets, window: SampleWindow): Span[] {
    const readers = this.readersByPartition(committed);
    const spans: Span[] = [];
    for (const [key, list] of this.pending) {
      const groups = readers.get(key) ?? [];
      let kept = list;
      if (groups.length > 0) {
        const highest = groups.reduce((max, [, c]) => (c > max ? c : max), -1n);
        for (const r of list) {
          if (r.offset >= highest) break;
          for (const [group, c] of groups) {
            if (c <= r.offset || r.closed.has(group)) continue;
            r.closed.add(group);
            // Not consumed yet at the previous sample: the commit came after that sample read.
            const before = this.previous.get(`${group}\u0000${key}`);
            const endedAfterMs = Math.max(
              r.facts.timestampMs,
              before && before.committed <= r.offset ? before.atMs : r.facts.timestampMs,
            );
            if (window.toMs - endedAfterMs > this.maxResolutionMs) {
              this.unresolved++;
              continue;
            }
            spans.push(
              queuedHop(r.facts, r.hop, group, { endMs: window.toMs, endedAfterMs }, this.settings),
            );
          }
        }
        kept = list.filter((r) => !groups.every(([group]) => r.closed.has(group)));
      }
      const oldest = window.toMs - this.maxAgeMs;
      const fresh = kept.filter((r) => r.facts.timestampMs >= oldest);
      this.dropped += kept.length - fresh.length;
      this.pendingCount -= list.length - fresh.length;
      if (fresh.length === 0) {
        this.pending.delete(key);
        continue;
      }
      this.pending.set(key, fresh);
    }
    const previous = new Map<string, { committed: bigint; atMs: number }>();
    for (const [key, groups] of readers)
      for (const [group, c] of groups)
        previous.set(`${group}\u0000${key}`, { committed: c, atMs: window.fromMs });
    this.previous = previous;
    return spans;
  }

  stats(): HopTrackerStats {
    return {
      pending: this.pendingCount,
      dropped: this.dropped,
      unresolved: this.unresolved,
      remembered: this.remembered.size + this.rememberedBefore.size,
    };
  }

  private remember(key: string, hop: RecordHop): void {
    this.remembered.set(key, hop);
    if (this.remembered.size >= Math.ceil(this.maxRemembered / 2)) {
      this.rememberedBefore = this.remembered;
      this.remembered = new Map();
    }
  }

  private recall(key: string): RecordHop | undefined {
    return this.remembered.get(key) ?? this.rememberedBefore.get(key);
  }

  private enqueue(facts: RecordFacts, hop: RecordHop): Pending[] {
    const key = partitionKey(facts.topic, facts.partition);
    const list = this.pending.get(key) ?? [];
    this.pending.set(key, list);
    const offset = BigInt(facts.offset);
    // Records arrive in offset order per partition; a re-read is placed (or skipped) by search.
    let at = list.length;
    while (at > 0 && (list[at - 1]?.offset ?? -1n) >= offset) at--;
    if (list[at]?.offset === offset) return list;
    if (at === list.length) list.push({ facts, hop, offset, closed: new Set() });
    else list.splice(at, 0, { facts, hop, offset, closed: new Set() });
    this.pendingCount++;
    return list;
  }

  /** Over the total cap, the longest partition queues give up their oldest records. */
  private enforceTotal(): void {
    while (this.pendingCount > this.maxPending) {
      let longest: Pending[] | undefined;
      for (const list of this.pending.values())
        if (!longest || list.length > longest.length) longest = list;
      if (!longest || longest.length === 0) return;
      const remove = Math.min(
        longest.length,
        Math.max(1, Math.ceil((this.pendingCount - this.maxPending) / 2)),
      );
      longest.splice(0, remove);
      this.pendingCount -= remove;
      this.dropped += remove;
    }
  }

  /** partition key → [group, committed] for each group with a commit on it. */
  private readersByPartition(committed: CommittedOffsets): Map<string, [string, bigint][]> {
    const topics = new Set(this.seenTopics);
    for (const key of this.pending.keys()) topics.add(key.slice(0, key.indexOf('\u0000')));
    const readers = new Map<string, [string, bigint][]>();
    for (const [group, byTopic] of committed)
      for (const [topic, partitions] of byTopic) {
        if (!topics.has(topic)) continue;
        for (const [partition, offset] of partitions) {
          if (!/^\d{1,19}$/.test(offset)) continue;
          const key = partitionKey(topic, partition);
          const list = readers.get(key) ?? [];
          readers.set(key, list);
          list.push([group, BigInt(offset)]);
        }
      }
    return readers;
  }
}
