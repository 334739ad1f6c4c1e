import type { Kafka } from 'kafkajs';
import type { ClusterConfig } from '@eventscope/shared';
import { TransactionalProducer } from '../kafka/wire/txn-producer';
import { committedOffsets } from './committed';
import { countDecision, decideBatch, type DecidedRecord } from './decide-batch';
import { createDlqSource, type SourceChunk } from './dlq-source';
import {
  laneCount,
  replayGroupId,
  replayTransactionalId,
  type ReplayBatch,
  type ReplayedRecord,
  type ReplayOutcome,
  type ReplayResult,
  type ReplayRunOptions,
} from './engine-types';
import { errorMessage, isFenced, ReplayProduceError } from './errors';
import { cloneCounters, encodeCounters, sumCounters } from './progress-metadata';
import { replayMessage } from './replay-message';
import { selectionMatcher, type DecideContext } from './selection';
import { sendChunks, type Outgoing } from './send-chunks';
import { TargetPartitions } from './targets';
import { sleep, TokenBucket } from './token-bucket';
import { emptyCounters, type PartitionRange, type ReplayCounters, type ReplayTrace } from './types';

/**
 * Exactly-once DLQ replay. Per batch, one Kafka transaction holds the produced records AND the
 * DLQ offsets reached (committed for the replay's own group, `eventscope-replay-<id>`, with the
 * running counters in the offset metadata), so a batch is either entirely visible to
 * read_committed consumers with its progress, or not at all. The producer's transactional id
 * is stable per replay: a restarted process fences the old one and aborts its open
 * transaction, reads the committed offsets and continues from there. Records between the
 * caller's own stored positions and Kafka's are handed back as `recovered` (not produced again)
 * so the caller's bookkeeping closes the gap a crash left. The DLQ is read and the progress
 * looked up with kafkajs (`kafka`); records are produced by our own wire-level transactional
 * producer (kafka/wire/txn-producer.ts, ADR 0008), which connects with `cluster`'s settings.
 */

interface Prepared {
  fresh: SourceChunk[];
  recovered: ReplayBatch | null;
  produce: Outgoing[];
  records: ReplayedRecord[];
  /** Per-partition counters once this batch commits. */
  next: Map<number, ReplayCounters>;
  started: number;
}

export async function runReplay(
  kafka: Kafka,
  cluster: ClusterConfig,
  opts: ReplayRunOptions,
): Promise<ReplayResult> {
  const logger = opts.logger.child({ replay: opts.replayId, dlq: opts.dlqTopic });
  const groupId = replayGroupId(opts.replayId);
  // DLQ partition ranges are dealt to lanes; each lane has its own transactional producer,
  // so while one lane waits on the broker another prepares or sends. Each lane commits the
  // offsets of its own partitions only, so lanes never overlap and each resumes on its own.
  const ranges = [...opts.ranges].sort((a, b) => a.partition - b.partition);
  const lanes = laneCount(ranges.length, opts.lanes);
  const laneRanges = Array.from({ length: lanes }, (_, l) =>
    ranges.filter((_r, i) => i % lanes === l),
  );
  const producers = laneRanges.map(
    (_r, l) =>
      new TransactionalProducer({
        cluster,
        transactionalId: replayTransactionalId(opts.replayId, l),
        transactionTimeoutMs: 60_000,
      }),
  );
  const admin = kafka.admin({ retry: { retries: 5 } });
  const disconnectAll = () =>
    Promise.all([...producers.map((p) => p.close()), admin.disconnect().catch(() => undefined)]);
  try {
    await admin.connect();
    // InitProducerId: fences an earlier instance of each lane and aborts its open transaction.
    // Only after that are the committed offsets read: nothing can move them any more.
    await Promise.all(producers.map((p) => p.init()));
  } catch (error) {
    await disconnectAll();
    throw error;
  }
  const ctx: DecideContext = {
    matches: selectionMatcher(opts.selection),
    target: opts.target,
    maxReplayCount: opts.maxReplayCount,
  };
  let source: ReturnType<typeof createDlqSource> | undefined;
  try {
    const committed = await committedOffsets(admin, opts);
    const perPartition = new Map<number, ReplayCounters>();
    const position = new Map<number, bigint>();
    const readFrom: PartitionRange[] = [];
    let scanned = 0n;
    for (const r of ranges) {
      const from = BigInt(r.from);
      const c = committed.get(r.partition);
      const at = c && c.offset > from ? c.offset : from;
      perPartition.set(r.partition, c ? c.counters : emptyCounters());
      position.set(r.partition, at);
      scanned += at - from;
      const stored = opts.recorded?.get(r.partition);
      const start = stored !== undefined && BigInt(stored) < at ? BigInt(stored) : at;
      readFrom.push({ ...r, from: (start > from ? start : from).toString() });
    }
    let totals = sumCounters(perPartition.values());
    logger.info(
      { totals, lanes, positions: Object.fromEntries(position) },
      committed.size > 0 ? 'resuming replay' : 'starting replay',
    );

    source = createDlqSource(kafka, {
      topic: opts.dlqTopic,
      ranges: readFrom,
      logger,
      name: opts.replayId,
    });
    const dlqSource = source;
    const maxBatch = Math.max(
      1,
      Math.min(opts.maxBatchRecords ?? 1000, Math.ceil(opts.ratePerSecond / 4 / lanes)),
    );
    const bucket = new TokenBucket(opts.ratePerSecond, maxBatch * lanes);
    const targets = new TargetPartitions(admin);
    // The caller's bookkeeping runs one batch behind the Kafka transactions (they overlap);
    // its failure surfaces before the next batch is reported. Batches of all lanes are
    // reported one at a time, in the order they committed.
    let persisted: Promise<void> = Promise.resolve();
    const report = async (batch: ReplayBatch): Promise<void> => {
      const before = persisted;
      const mine = before.then(() => opts.onBatch(batch));
      persisted = mine;
      mine.catch(() => undefined);
      await before;
    };
    const toReplayed = (d: DecidedRecord, trace?: ReplayTrace): ReplayedRecord => ({
      partition: d.record.partition,
      offset: d.record.offset,
      timestampMs: Number(d.record.timestamp),
      decision: d.decision,
      key: d.record.key,
      ...(trace ? { trace } : {}),
    });

    /** Splits, decides and builds one batch: pure CPU and a handled lookup, nothing sent. */
    const prepare = async (
      chunks: SourceChunk[],
      base: ReadonlyMap<number, ReplayCounters>,
    ): Promise<Prepared> => {
      const started = Date.now();
      // Records an earlier run committed but the caller did not store: reported, never produced.
      const recovered: SourceChunk[] = [];
      const fresh: SourceChunk[] = [];
      for (const chunk of chunks) {
        const at = position.get(chunk.partition) ?? 0n;
        const old = chunk.records.filter((r) => BigInt(r.offset) < at);
        const rest = chunk.records.filter((r) => BigInt(r.offset) >= at);
        if (old.length > 0 || chunk.next <= at)
          recovered.push({
            partition: chunk.partition,
            records: old,
            next: chunk.next < at ? chunk.next : at,
          });
        if (chunk.next > at)
          fresh.push({ partition: chunk.partition, records: rest, next: chunk.next });
      }
      let recoveredBatch: ReplayBatch | null = null;
      if (recovered.length > 0) {
        const decided = await decideBatch(
          recovered.flatMap((c) => c.records),
          ctx,
          opts.isHandled,
        );
        recoveredBatch = {
          kind: 'recovered',
          records: decided.map((d) =>
            toReplayed(
              d,
              d.decision.kind === 'replay'
                ? replayMessage(d.record, opts.replayId, opts.dlqTopic).trace
                : undefined,
            ),
          ),
          positions: new Map(recovered.map((c) => [c.partition, c.next.toString()])),
          totals: cloneCounters(totals),
          scanned: Number(scanned),
          startedAtMs: started,
          durationMs: 0,
        };
      }
      const decided = await decideBatch(
        fresh.flatMap((c) => c.records),
        ctx,
        opts.isHandled,
      );
      // Every target is checked (exists) before the first record is produced to it.
      await targets.prepare(
        decided.flatMap((d) => (d.decision.kind === 'replay' ? [d.decision.target] : [])),
      );
      const produce: Outgoing[] = [];
      const records: ReplayedRecord[] = [];
      const next = new Map<number, ReplayCounters>();
      for (const d of decided) {
        const p = d.record.partition;
        let counters = next.get(p);
        if (!counters) {
          // Copied once per batch: `base` is the last committed state.
          counters = cloneCounters(base.get(p) ?? emptyCounters());
          next.set(p, counters);
        }
        countDecision(counters, d.decision);
        if (d.decision.kind === 'replay') {
          const m = replayMessage(d.record, opts.replayId, opts.dlqTopic);
          const topic = d.decision.target;
          const partition = targets.partition(topic, m.message.key);
          produce.push({ topic, partition, record: m.message, bytes: m.bytes });
          records.push(toReplayed(d, m.trace));
        } else records.push(toReplayed(d));
      }
      for (const c of fresh)
        if (!next.has(c.partition)) next.set(c.partition, base.get(c.partition) ?? emptyCounters());
      return { fresh, recovered: recoveredBatch, produce, records, next, started };
    };

    // Set when a lane failed or was fenced: the others stop after their current batch.
    let halted: ReplayOutcome | undefined;

    const runLane = async (lane: number): Promise<ReplayOutcome> => {
      const producer = producers[lane];
      const mine = new Set((laneRanges[lane] ?? []).map((r) => r.partition));
      if (!producer || mine.size === 0) return 'completed';
      const baseOf = () =>
        new Map([...mine].map((p) => [p, perPartition.get(p) ?? emptyCounters()]));
      // Records taken from the source but not sent (a pause came first): sent after the resume.
      let held: SourceChunk[] | null = null;
      /** The next batch of this lane, prepared; null at the end, 'idle' when interrupted. */
      const takeNext = async (
        base: ReadonlyMap<number, ReplayCounters>,
      ): Promise<Prepared | null | 'idle'> => {
        const chunks = held ?? (await dlqSource.take(maxBatch, opts.control.signal, mine));
        held = null;
        if (chunks === null) return null;
        if (chunks.length === 0) return 'idle';
        return prepare(chunks, base);
      };
      // The next batch, prepared while the current transaction is in flight (CPU work
      // overlapping the broker round trips); dropped unsent if the replay stops first.
      let ahead: Promise<Prepared | null | 'idle'> | null = null;
      const settleAhead = async (): Promise<Prepared | null | 'idle'> => {
        const p = ahead;
        ahead = null;
        return p ? await p : 'idle';
      };
      for (;;) {
        const state = opts.control.state;
        if (halted) return halted;
        if (state === 'cancelled' || state === 'stopped') return state;
        if (state === 'paused') {
          const pending = await settleAhead();
          if (pending !== null && pending !== 'idle') {
            if (pending.recovered) await report(pending.recovered);
            held = pending.fresh;
          }
          if (opts.control.state === 'paused') await opts.control.changed();
          continue;
        }
        const prepared = ahead ? await settleAhead() : await takeNext(baseOf());
        if (prepared === null) return 'completed';
        if (prepared === 'idle') continue;
        if (prepared.recovered) await report(prepared.recovered);
        if (prepared.fresh.length === 0) continue;
        const { fresh, produce, records, next } = prepared;
        if (produce.length > 0) {
          const waitMs = bucket.reserve(produce.length);
          if (waitMs > 0 && !(await sleep(waitMs, opts.control.signal))) {
            // Paused, cancelled or stopped while waiting: nothing of this batch was sent.
            bucket.refund(produce.length);
            held = fresh;
            continue;
          }
        }
        if (halted) return halted;

        const offsets = fresh.map((c) => ({
          partition: c.partition,
          offset: c.next.toString(),
          metadata: encodeCounters(next.get(c.partition) ?? emptyCounters()),
        }));
        try {
          if (opts.control.state === 'running') {
            // Counted on top of this batch, as if it had committed (if it fails, all stops).
            ahead = takeNext(new Map([...baseOf(), ...next]));
            // Awaited at the top of the next round; a failure of this batch leaves it unawaited.
            ahead.catch(() => undefined);
          }
          // One transaction: the records and the DLQ offsets reached; aborted if anything fails.
          await producer.transact(sendChunks(produce), {
            groupId,
            topic: opts.dlqTopic,
            partitions: offsets,
          });
        } catch (error) {
          if (isFenced(error)) {
            logger.warn({ lane }, 'another process took over this replay');
            halted = 'fenced';
            return 'fenced';
          }
          const topics = [...new Set(produce.map((p) => p.topic))].join(', ');
          throw new ReplayProduceError(
            topics
              ? `could not produce to ${topics}: ${errorMessage(error)}`
              : `could not commit progress: ${errorMessage(error)}`,
            produce.length,
            error,
          );
        }
        for (const c of fresh) {
          scanned += c.next - (position.get(c.partition) ?? c.next);
          position.set(c.partition, c.next);
        }
        for (const [p, c] of next) perPartition.set(p, c);
        totals = sumCounters(perPartition.values());
        await report({
          kind: 'committed',
          records,
          positions: new Map(fresh.map((c) => [c.partition, c.next.toString()])),
          totals: cloneCounters(totals),
          scanned: Number(scanned),
          startedAtMs: prepared.started,
          durationMs: Date.now() - prepared.started,
        });
      }
    };

    const results = await Promise.allSettled(
      laneRanges.map((_r, lane) =>
        runLane(lane).catch((error: unknown) => {
          halted ??= 'stopped';
          throw error;
        }),
      ),
    );
    const failed = results.find((r) => r.status === 'rejected');
    // Whatever happened, the batches already committed are recorded before returning.
    await persisted;
    if (failed) throw failed.reason;
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const outcome: ReplayOutcome = outcomes.includes('fenced')
      ? 'fenced'
      : outcomes.includes('cancelled')
        ? 'cancelled'
        : outcomes.includes('stopped')
          ? 'stopped'
          : 'completed';
    totals = sumCounters(perPartition.values());
    logger.info({ outcome, totals }, 'replay ended');
    return { outcome, totals };
  } finally {
    await source?.close();
    await disconnectAll();
  }
}
