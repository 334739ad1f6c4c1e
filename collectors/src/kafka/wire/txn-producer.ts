import {
  addOffsetsToTxnV3,
  addPartitionsToTxnV3,
  endTxnV3,
  findCoordinatorV4,
  FindCoordinatorKeyTypes,
  initProducerIdV4,
  metadataV12,
  txnOffsetCommitV3,
  type Broker,
  type Connection,
  type ConnectionPool,
} from '@platformatic/kafka';
import type { ClusterConfig } from '@eventscope/shared';
import { createConnectionPool, parseBroker } from './connections';
import { encodeRecordBatch, type OutgoingRecord } from './record-batch';
import { KafkaRequestError, toRequestError } from './request-error';
import { tolerant, unsupportedApis } from './requests';
import { nextSequence, produce, producerApiVersions, type PartitionBatch } from './txn-requests';

/**
 * A transactional, idempotent producer on the wire protocol (platformatic's connections and
 * request codecs), shaped for the DLQ replay: one call is one whole Kafka transaction holding
 * the produced records AND consumer-group offsets with their metadata, in three round trips
 * (AddPartitionsToTxn + AddOffsetsToTxn, then Produce + TxnOffsetCommit, then EndTxn). Record
 * batches are encoded once, in one buffer each (record-batch.ts); a retry resends the same
 * bytes with the same sequence number, which the broker recognises if the first try got
 * through. After a failed transaction the producer is spent: the caller starts over with a new
 * one, whose init() fences this one. Request versions are those of Kafka ≥ 3.0 (transactions
 * protocol v1, which Kafka 4 still serves).
 */

export interface PartitionRecords {
  topic: string;
  partition: number;
  records: readonly OutgoingRecord[];
}

/** Offsets committed in the transaction for a group (generation -1: no member, like Java's). */
export interface TxnOffsets {
  groupId: string;
  topic: string;
  partitions: ReadonlyArray<{ partition: number; offset: string; metadata: string }>;
}

export interface TxnProducerOptions {
  cluster: ClusterConfig;
  transactionalId: string;
  transactionTimeoutMs: number;
  /** How long retriable failures (a coordinator moving, the last transaction still completing) are retried. */
  retryForMs?: number;
}

interface ProducerEpoch {
  producerId: bigint;
  producerEpoch: number;
}

const DUPLICATE_SEQUENCE_NUMBER = 46;
const COORDINATOR_MOVED = new Set([
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NETWORK',
]);
const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

async function settleAll(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  // Everything in flight settles before the caller reacts (an abort must come after them).
  const results = await Promise.allSettled(work);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TransactionalProducer {
  readonly transactionalId: string;
  private readonly pool: ConnectionPool;
  private readonly bootstrap: Broker[];
  private readonly timeoutMs: number;
  private readonly retryForMs: number;
  private readonly brokers = new Map<number, Broker>();
  /** Topic → leader node id per partition. */
  private readonly leaders = new Map<string, number[]>();
  private readonly coordinators = new Map<string, Promise<Broker>>();
  private readonly sequences = new Map<string, number>();
  private epoch: ProducerEpoch | null = null;
  /** A transaction failed: the caller starts over with a new producer. */
  private spent = false;
  private busy = false;
  private closed = false;

  constructor(private readonly options: TxnProducerOptions) {
    this.transactionalId = options.transactionalId;
    this.pool = createConnectionPool(options.cluster, 'replay');
    this.bootstrap = options.cluster.brokers.map(parseBroker);
    this.timeoutMs = options.cluster.requestTimeoutMs;
    this.retryForMs = options.retryForMs ?? 30_000;
  }

  /**
   * InitProducerId: fences every earlier producer of this transactional id and aborts the
   * transaction it left open. Nothing it wrote can change after this returns.
   */
  async init(): Promise<void> {
    const { transactionalId, transactionTimeoutMs } = this.options;
    const missing = await this.retrying('ApiVersions', async () =>
      unsupportedApis(await this.anyConnection(), producerApiVersions),
    );
    if (missing.length > 0)
      throw new KafkaRequestError(
        `the broker does not support ${missing.join(', ')}: replays need Kafka 3.0 or later`,
        'UNSUPPORTED_VERSION',
        false,
        false,
      );
    const r = await this.retrying('InitProducerId', async () =>
      initProducerIdV4.api.async(
        await this.coordinator(FindCoordinatorKeyTypes.TRANSACTION, transactionalId),
        transactionalId,
        transactionTimeoutMs,
        -1n,
        -1,
      ),
    );
    this.epoch = { producerId: r.producerId, producerEpoch: r.producerEpoch };
    this.sequences.clear();
  }

  /**
   * One transaction: every request's records (each request's partitions sent together, the
   * requests one after another, in order) and the offsets, committed together or not at all.
   */
  async transact(
    requests: ReadonlyArray<readonly PartitionRecords[]>,
    offsets: TxnOffsets,
  ): Promise<void> {
    if (this.spent) throw new Error('this producer failed a transaction; start a new one');
    const epoch = this.epoch;
    if (!epoch) throw new Error('the producer is not initialised');
    if (this.busy) throw new Error('a transaction is already in progress');
    this.busy = true;
    const partitions = new Map<string, Set<number>>();
    for (const request of requests)
      for (const p of request) {
        const set = partitions.get(p.topic) ?? new Set<number>();
        set.add(p.partition);
        partitions.set(p.topic, set);
      }
    try {
      await settleAll([
        partitions.size > 0 ? this.addPartitions(epoch, partitions) : Promise.resolve(),
        this.addOffsets(epoch, offsets.groupId),
      ]);
      await settleAll([
        (async () => {
          for (const request of requests) await this.produce(epoch, request);
        })(),
        this.commitOffsets(epoch, offsets),
      ]);
      await this.endTxn(epoch, true, this.retryForMs);
    } catch (error) {
      this.spent = true;
      if (!FENCED.has(toRequestError('transaction', error).type))
        await this.endTxn(epoch, false, 2000).catch(() => undefined);
      throw error;
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close().catch(() => undefined);
  }

  private addPartitions(epoch: ProducerEpoch, partitions: ReadonlyMap<string, Set<number>>) {
    return this.retrying('AddPartitionsToTxn', async () =>
      addPartitionsToTxnV3.api.async(await this.txnCoordinator(), [
        {
          transactionalId: this.transactionalId,
          ...epoch,
          verifyOnly: false,
          topics: [...partitions].map(([name, set]) => ({ name, partitions: [...set] })),
        },
      ]),
    );
  }

  private addOffsets(epoch: ProducerEpoch, groupId: string) {
    return this.retrying('AddOffsetsToTxn', async () =>
      addOffsetsToTxnV3.api.async(
        await this.txnCoordinator(),
        this.transactionalId,
        epoch.producerId,
        epoch.producerEpoch,
        groupId,
      ),
    );
  }

  private commitOffsets(epoch: ProducerEpoch, offsets: TxnOffsets) {
    return this.retrying('TxnOffsetCommit', async () =>
      txnOffsetCommitV3.api.async(
        await this.coordinator(FindCoordinatorKeyTypes.GROUP, offsets.groupId),
        this.transactionalId,
        offsets.groupId,
        epoch.producerId,
        epoch.producerEpoch,
        -1,
        '',
        null,
        [
          {
            name: offsets.topic,
            partitions: offsets.partitions.map((o) => ({
              partitionIndex: o.partition,
              committedOffset: BigInt(o.offset),
              committedLeaderEpoch: -1,
              committedMetadata: o.metadata,
            })),
          },
        ],
      ),
    );
  }

  private endTxn(epoch: ProducerEpoch, commit: boolean, retryForMs: number) {
    return this.retrying(
      commit ? 'EndTxn(commit)' : 'EndTxn(abort)',
      async () =>
        endTxnV3.api.async(
          await this.txnCoordinator(),
          this.transactionalId,
          epoch.producerId,
          epoch.producerEpoch,
          commit,
        ),
      retryForMs,
    );
  }

  /** Sends one request's partitions to their leaders; retries only the partitions that failed. */
  private async produce(epoch: ProducerEpoch, request: readonly PartitionRecords[]): Promise<void> {
    let pending = request.map((p) => {
      const key = `${p.topic}\u0000${p.partition}`;
      const baseSequence = this.sequences.get(key) ?? 0;
      const batch = encodeRecordBatch(p.records, { ...epoch, baseSequence, transactional: true });
      return { key, topic: p.topic, partition: p.partition, count: p.records.length, batch };
    });
    await this.retrying('Produce', async () => {
      const done = new Set<string>();
      const failures: KafkaRequestError[] = [];
      const routes = await this.route(pending);
      await Promise.all(
        [...routes].map(async ([broker, batches]) => {
          try {
            const connection = await this.pool.get(broker);
            const response = await tolerant(
              produce.async(connection, this.transactionalId, this.timeoutMs, batches),
            );
            for (const t of response.responses)
              for (const r of t.partitionResponses) {
                // A duplicate is a batch an earlier attempt already wrote.
                if (r.errorCode === 0 || r.errorCode === DUPLICATE_SEQUENCE_NUMBER)
                  done.add(`${t.name}\u0000${r.index}`);
                else
                  failures.push(
                    toRequestError(`Produce to ${t.name}/${r.index}`, {
                      errorCode: r.errorCode,
                      errorMessage: r.errorMessage,
                    }),
                  );
              }
          } catch (error) {
            failures.push(toRequestError('Produce', error));
          }
        }),
      );
      for (const b of pending)
        if (done.has(b.key))
          this.sequences.set(b.key, nextSequence(this.sequences.get(b.key) ?? 0, b.count));
      pending = pending.filter((b) => !done.has(b.key));
      if (pending.length > 0)
        throw (
          failures.find((f) => !f.retriable) ??
          failures[0] ??
          new KafkaRequestError('Produce: a partition got no answer', 'NETWORK', true, false)
        );
    });
  }

  /** Pending batches by the broker leading their partition (metadata loaded when missing). */
  private async route(
    pending: ReadonlyArray<PartitionBatch>,
  ): Promise<Map<Broker, PartitionBatch[]>> {
    const unknown = [...new Set(pending.map((b) => b.topic))].filter((t) => !this.leaders.has(t));
    if (unknown.length > 0) await this.loadMetadata(unknown);
    const byNode = new Map<number, PartitionBatch[]>();
    for (const b of pending) {
      const leader = this.leaders.get(b.topic)?.[b.partition];
      if (leader === undefined || leader < 0)
        throw new KafkaRequestError(
          `no leader for ${b.topic}/${b.partition}`,
          'LEADER_NOT_AVAILABLE',
          true,
          true,
        );
      const list = byNode.get(leader);
      if (list) list.push(b);
      else byNode.set(leader, [b]);
    }
    const routes = new Map<Broker, PartitionBatch[]>();
    for (const [node, batches] of byNode) {
      const broker = this.brokers.get(node);
      if (!broker)
        throw new KafkaRequestError(`leader ${node} is not in the metadata`, 'NETWORK', true, true);
      routes.set(broker, batches);
    }
    return routes;
  }

  private async loadMetadata(topics: string[]): Promise<void> {
    const meta = await metadataV12.api.async(await this.anyConnection(), topics, false, false);
    for (const b of meta.brokers) this.brokers.set(b.nodeId, { host: b.host, port: b.port });
    for (const t of meta.topics) {
      if (!t.name || t.errorCode !== 0) continue;
      const leaders: number[] = [];
      for (const p of t.partitions) leaders[p.partitionIndex] = p.leaderId;
      this.leaders.set(t.name, leaders);
    }
  }

  private anyConnection(): Promise<Connection> {
    const known = [...this.brokers.values()];
    return this.pool.getFirstAvailable(known.length > 0 ? known : this.bootstrap);
  }

  private txnCoordinator(): Promise<Connection> {
    return this.coordinator(FindCoordinatorKeyTypes.TRANSACTION, this.transactionalId);
  }

  private async coordinator(keyType: number, key: string): Promise<Connection> {
    const id = `${keyType}\u0000${key}`;
    let found = this.coordinators.get(id);
    if (!found) {
      found = (async () => {
        const r = await findCoordinatorV4.api.async(await this.anyConnection(), keyType, [key]);
        const hit = r.coordinators.find((c) => c.key === key);
        if (!hit)
          throw new KafkaRequestError(
            `FindCoordinator: no coordinator for ${key}`,
            'COORDINATOR_NOT_AVAILABLE',
            true,
            false,
          );
        return { host: hit.host, port: hit.port };
      })();
      this.coordinators.set(id, found);
      const mine = found;
      mine.catch(() => {
        if (this.coordinators.get(id) === mine) this.coordinators.delete(id);
      });
    }
    return this.pool.get(await found);
  }

  /** Runs `attempt` until it succeeds, fails for good, or retriable failures last `forMs`. */
  private async retrying<T>(
    what: string,
    attempt: () => Promise<T>,
    forMs = this.retryForMs,
  ): Promise<T> {
    const deadline = Date.now() + forMs;
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        const e = toRequestError(what, error);
        if (COORDINATOR_MOVED.has(e.type)) this.coordinators.clear();
        if (e.staleMetadata || e.type === 'NETWORK') this.leaders.clear();
        if (!e.retriable || this.closed || Date.now() >= deadline) throw e;
        // The previous transaction is usually complete within milliseconds of its EndTxn.
        await delay(
          e.type === 'CONCURRENT_TRANSACTIONS'
            ? Math.min(5 * 2 ** i, 100)
            : Math.min(50 * 2 ** i, 1000),
        );
      }
    }
  }
}
