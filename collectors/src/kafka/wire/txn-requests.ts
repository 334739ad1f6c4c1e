import {
  addOffsetsToTxnV3,
  addPartitionsToTxnV3,
  createAPI,
  endTxnV3,
  findCoordinatorV4,
  initProducerIdV4,
  metadataV12,
  produceV9,
  txnOffsetCommitV3,
  Writer,
} from '@platformatic/kafka';

/** The requests of the transactional producer (txn-producer.ts) beyond the library's own. */

/** One partition's record batch, encoded (record-batch.ts). */
export interface PartitionBatch {
  topic: string;
  partition: number;
  batch: Buffer;
}

const MAX_SEQUENCE = 2 ** 31 - 1;

/** Api key → the version this producer sends (all served by Kafka ≥ 3.0). */
export const producerApiVersions: ReadonlyMap<number, number> = new Map(
  [
    findCoordinatorV4,
    metadataV12,
    initProducerIdV4,
    addPartitionsToTxnV3,
    addOffsetsToTxnV3,
    produceV9,
    txnOffsetCommitV3,
    endTxnV3,
  ].map((a) => [a.api.key, a.api.version]),
);

/** Sequence numbers wrap at 2^31 - 1, as the Java client wraps them. */
export const nextSequence = (sequence: number, count: number): number =>
  sequence > MAX_SEQUENCE - count ? count - (MAX_SEQUENCE - sequence) - 1 : sequence + count;

/** Produce v9 with record batches encoded by the caller (the library's encoder is per message). */
export const produce = createAPI<
  [transactionalId: string, timeoutMs: number, batches: readonly PartitionBatch[]],
  produceV9.ProduceResponse
>(
  produceV9.api.key,
  produceV9.api.version,
  (transactionalId: string, timeoutMs: number, batches: readonly PartitionBatch[]) => {
    const topics = new Map<string, PartitionBatch[]>();
    for (const b of batches) {
      const list = topics.get(b.topic);
      if (list) list.push(b);
      else topics.set(b.topic, [b]);
    }
    return Writer.create()
      .appendString(transactionalId)
      .appendInt16(-1) // acks: all in-sync replicas
      .appendInt32(timeoutMs)
      .appendArray([...topics], (w, [topic, partitions]) => {
        w.appendString(topic).appendArray(partitions, (pw, p) => {
          pw.appendInt32(p.partition)
            .appendUnsignedVarInt(p.batch.length + 1)
            .append(p.batch);
        });
      })
      .appendTaggedFields();
  },
  produceV9.parseResponse,
);
