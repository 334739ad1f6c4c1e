import type { KafkaMessage } from 'kafkajs';
import { deadLetterConvention, type DlqErrorClass } from '@eventscope/shared';
import { groupErrorClasses, sourceTopicsFromHeaders } from '../dlq/error-classes';
import type { RawClusterState } from '../kafka/adapter';
import { readKey, type ReadRequest } from '../kafka/record-reader';

/**
 * What the sampler remembers about dead letters between samples: topics found by their
 * headers, and each DLQ's recent error classes (re-read only when the DLQ grew). Plans the
 * bounded reads for one sample and folds their results back in.
 */

export interface DlqScanOptions {
  /** A topic's last records are checked for dead-letter headers at most this often. */
  headerScanIntervalMs: number;
  /** Topics checked for headers per sample. */
  headerScanTopicsPerSample: number;
  /** Recent records read per DLQ to group error classes. */
  errorSampleSize: number;
}

interface HeaderCheck {
  atMs: number;
  endSum: string;
}

interface ErrorSample {
  endSum: string;
  classes: DlqErrorClass[];
  sourceTopics: string[];
}

const MAX_PARTITIONS_SCANNED = 8;

function endSum(raw: RawClusterState, topic: string): string | null {
  const offsets = raw.offsets.get(topic);
  if (!offsets) return null;
  let sum = 0n;
  for (const o of offsets.values()) sum += BigInt(o.end);
  return sum.toString();
}

/** Partitions holding records, fullest first, capped. */
function partitionsWithRecords(
  raw: RawClusterState,
  topic: string,
): Array<{ partition: number; start: bigint; end: bigint }> {
  const offsets = raw.offsets.get(topic);
  if (!offsets) return [];
  return [...offsets]
    .map(([partition, o]) => ({ partition, start: BigInt(o.start), end: BigInt(o.end) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => (b.end - b.start > a.end - a.start ? 1 : -1))
    .slice(0, MAX_PARTITIONS_SCANNED);
}

export class DlqScanner {
  private readonly headerChecks = new Map<string, HeaderCheck>();
  /** Topics whose records carry dead-letter headers → source topics named in them. */
  private readonly byHeaders = new Map<string, string[]>();
  private readonly errorSamples = new Map<string, ErrorSample>();
  private headerPlan: Array<{ topic: string; endSum: string; reads: ReadRequest[] }> = [];
  private errorPlan: Array<{ topic: string; endSum: string; reads: ReadRequest[] }> = [];

  constructor(private readonly options: DlqScanOptions) {}

  headerDlqs(): ReadonlyMap<string, string[]> {
    return this.byHeaders;
  }

  errorSample(topic: string): ErrorSample | undefined {
    return this.errorSamples.get(topic);
  }

  /** Forget topics that no longer exist. */
  retain(topics: ReadonlySet<string>): void {
    for (const map of [this.headerChecks, this.byHeaders, this.errorSamples])
      for (const t of map.keys()) if (!topics.has(t)) map.delete(t);
  }

  /** The reads this sample needs: header checks of a few topics, error samples of grown DLQs. */
  plan(raw: RawClusterState, namedDlqs: ReadonlySet<string>, nowMs: number): ReadRequest[] {
    this.headerPlan = [];
    this.errorPlan = [];
    for (const topic of raw.topics.keys()) {
      if (this.headerPlan.length >= this.options.headerScanTopicsPerSample) break;
      if (namedDlqs.has(topic) || this.byHeaders.has(topic)) continue;
      const sum = endSum(raw, topic);
      if (sum === null || sum === '0') continue;
      const last = this.headerChecks.get(topic);
      if (last && (last.endSum === sum || nowMs - last.atMs < this.options.headerScanIntervalMs))
        continue;
      const reads = partitionsWithRecords(raw, topic).map((p) => ({
        topic,
        partition: p.partition,
        offset: (p.end - 1n).toString(),
      }));
      if (reads.length > 0) this.headerPlan.push({ topic, endSum: sum, reads });
    }
    const dlqs = new Set([...namedDlqs, ...this.byHeaders.keys()]);
    for (const topic of dlqs) {
      const sum = endSum(raw, topic);
      if (sum === null || this.errorSamples.get(topic)?.endSum === sum) continue;
      const parts = partitionsWithRecords(raw, topic);
      const per = BigInt(
        Math.max(1, Math.ceil(this.options.errorSampleSize / Math.max(1, parts.length))),
      );
      const reads = parts.map((p) => {
        const from = p.end - per > p.start ? p.end - per : p.start;
        return { topic, partition: p.partition, offset: from.toString(), count: Number(per) };
      });
      this.errorPlan.push({ topic, endSum: sum, reads });
    }
    return [...this.headerPlan, ...this.errorPlan].flatMap((p) => p.reads);
  }

  /** Folds the records read back in; a topic whose reads did not all answer is retried later. */
  absorb(records: ReadonlyMap<string, KafkaMessage[]>, nowMs: number): void {
    for (const plan of this.headerPlan) {
      // Checked even when some reads did not answer: the next try waits a scan interval.
      this.headerChecks.set(plan.topic, { atMs: nowMs, endSum: plan.endSum });
      const answers = plan.reads.map((r) => records.get(readKey(r.topic, r.partition, r.offset)));
      const messages = answers.flatMap((a) => a ?? []);
      if (messages.some((m) => deadLetterConvention(m.headers) !== null)) {
        this.byHeaders.set(plan.topic, sourceTopicsFromHeaders(toDeadLetters(messages)));
      }
    }
    for (const plan of this.errorPlan) {
      const answers = plan.reads.map((r) => records.get(readKey(r.topic, r.partition, r.offset)));
      if (answers.some((a) => a === undefined)) continue;
      const letters = toDeadLetters(answers.flatMap((a) => a ?? []));
      this.errorSamples.set(plan.topic, {
        endSum: plan.endSum,
        classes: groupErrorClasses(letters),
        sourceTopics: sourceTopicsFromHeaders(letters),
      });
    }
  }
}

function toDeadLetters(messages: readonly KafkaMessage[]) {
  return messages.map((m) => ({ timestampMs: Number(m.timestamp), headers: m.headers }));
}
