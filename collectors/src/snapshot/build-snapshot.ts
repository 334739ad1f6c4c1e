import type {
  ClusterSnapshot,
  DlqStats,
  GroupLag,
  PartitionLag,
  TopicStats,
} from '@eventscope/shared';
import { dlqDepth, inflowPerMinute, oldestAgeSeconds } from '../dlq/depth';
import { discoverDlqsByName, type DlqNameRule } from '../dlq/naming';
import type { RawClusterState } from '../kafka/adapter';
import type { RecordTimestamps } from '../kafka/record-timestamps';
import { lagSecondsFor } from '../lag/lag-seconds';
import type { OffsetHistory } from '../lag/offset-history';
import { maxKnown, sumKnown, sumOffsets } from '../lag/partition-lag';
import { evaluateGroup } from '../status/group-status';
import { evaluatePartition } from '../status/partition-status';
import type { StatusWindows } from '../status/window-store';
import type { TopicSizeStats } from '../tap/size-windows';
import type { DlqScanner } from './dlq-scan';
import { groupPartitions, oldestUnconsumedOffset } from './group-partitions';

/** Everything one sample is computed from; the sampler owns the state, this only reads it (and pushes windows). */
export interface SnapshotInput {
  cluster: string;
  raw: RawClusterState;
  nowMs: number;
  history: (topic: string, partition: number) => OffsetHistory | undefined;
  timestamps: RecordTimestamps;
  windows: StatusWindows;
  windowSize: number;
  /** Span of the status window in ms, for rates (windowSize × interval). */
  rateSpanMs: number;
  dlqs: DlqDiscovery;
  /** Dead letters already replayed or discarded, inside the partitions' log offsets. */
  handledCount: (
    topic: string,
    log?: ReadonlyMap<number, { start: string; end: string }>,
  ) => number;
  /** The first offset at or after `start` not handled (default `start`). */
  firstUnhandled?: (topic: string, partition: number, start: string) => string;
  sizes: (topic: string) => TopicSizeStats | undefined;
  requests: number;
  durationMs: number;
}

export interface DlqDiscovery {
  names: readonly DlqNameRule[];
  scanner: DlqScanner;
}

export function buildGroups(input: SnapshotInput): GroupLag[] {
  const { raw, nowMs } = input;
  return raw.groups.map((g) => {
    const unknown = !raw.committed.has(g.group)
      ? 'the committed offsets could not be read this sample'
      : !g.described
        ? 'the group could not be described this sample'
        : null;
    const parts = groupPartitions(raw, g);
    const partitions: PartitionLag[] = parts.map((p) => {
      const oldest = oldestUnconsumedOffset(p);
      const ts =
        oldest === null
          ? null
          : input.timestamps.get({ topic: p.topic, partition: p.partition, offset: oldest });
      const seconds = lagSecondsFor({
        committed: oldest ?? p.committed,
        end: p.end,
        nowMs,
        recordTimestampMs: ts,
        history: input.history(p.topic, p.partition),
      });
      return {
        topic: p.topic,
        partition: p.partition,
        startOffset: p.start,
        endOffset: p.end,
        committedOffset: p.committed,
        lagMessages: p.lagMessages,
        lagSeconds: seconds.lagSeconds,
        lagSecondsIsLowerBound: seconds.isLowerBound,
        memberId: p.member?.memberId ?? null,
        clientId: p.member?.clientId ?? null,
        host: p.member?.host ?? null,
      };
    });
    const lagMessages = sumKnown(partitions.map((p) => p.lagMessages));
    const windows = input.windows.push(
      g.group,
      nowMs,
      partitions.map((p) => ({
        topic: p.topic,
        partition: p.partition,
        committed: p.committedOffset,
        end: p.endOffset,
        lag: p.lagMessages,
      })),
    );
    const statuses = windows.map((w) => evaluatePartition(w, { minSamples: input.windowSize }));
    const status =
      unknown !== null
        ? { code: 'UNKNOWN' as const, reason: unknown }
        : evaluateGroup({
            reachable: true,
            memberCount: g.members.length,
            lagMessages,
            partitions: statuses,
          });
    return {
      cluster: input.cluster,
      group: g.group,
      state: g.state,
      protocolType: g.protocolType,
      members: g.members,
      topics: [...new Set(partitions.map((p) => p.topic))],
      lagMessages,
      lagSeconds: maxKnown(partitions.map((p) => p.lagSeconds)),
      lagSecondsIsLowerBound: partitions.some((p) => p.lagSecondsIsLowerBound),
      partitions,
      status,
    };
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function buildTopics(input: SnapshotInput, dlqTopics: ReadonlySet<string>): TopicStats[] {
  const { raw } = input;
  return [...raw.topics].map(([topic, partitions]) => {
    const offsets = raw.offsets.get(topic);
    const known = offsets !== undefined && partitions.every((p) => offsets.has(p));
    let perSecond: number | null = null;
    for (const p of partitions) {
      const rate = input.history(topic, p)?.rate(input.rateSpanMs);
      if (rate && rate.seconds > 0)
        perSecond = (perSecond ?? 0) + Number(rate.messages) / rate.seconds;
    }
    const sizes = input.sizes(topic);
    return {
      topic,
      partitions: partitions.length,
      endOffsetSum: known ? sumOffsets(partitions.map((p) => offsets.get(p)?.end ?? null)) : null,
      startOffsetSum: known
        ? sumOffsets(partitions.map((p) => offsets.get(p)?.start ?? null))
        : null,
      messagesPerSecond: perSecond === null ? null : round2(perSecond),
      ...(sizes ? { bytesPerSecond: sizes.bytesPerSecond } : {}),
      size: sizes?.size ?? null,
      isDlq: dlqTopics.has(topic),
    };
  });
}

/** DLQ topics this sample, by name/config and by headers seen before. */
export function dlqCandidates(
  raw: RawClusterState,
  dlqs: DlqDiscovery,
): Map<string, { sourceTopics: Set<string>; discoveredBy: Set<DlqStats['discoveredBy'][number]> }> {
  const found = new Map<
    string,
    { sourceTopics: Set<string>; discoveredBy: Set<DlqStats['discoveredBy'][number]> }
  >();
  const entry = (topic: string) => {
    let e = found.get(topic);
    if (!e) {
      e = { sourceTopics: new Set(), discoveredBy: new Set() };
      found.set(topic, e);
    }
    return e;
  };
  for (const d of discoverDlqsByName(raw.topics.keys(), dlqs.names)) {
    const e = entry(d.topic);
    e.discoveredBy.add(d.discoveredBy);
    for (const s of d.sourceTopics) e.sourceTopics.add(s);
  }
  for (const [topic, sources] of dlqs.scanner.headerDlqs()) {
    if (!raw.topics.has(topic)) continue;
    const e = entry(topic);
    e.discoveredBy.add('headers');
    for (const s of sources) e.sourceTopics.add(s);
  }
  return found;
}

export function buildDlqs(input: SnapshotInput): DlqStats[] {
  const { raw, nowMs } = input;
  return [...dlqCandidates(raw, input.dlqs)].map(([topic, found]) => {
    const offsets = raw.offsets.get(topic);
    const sample = input.dlqs.scanner.errorSample(topic);
    for (const s of sample?.sourceTopics ?? []) found.sourceTopics.add(s);
    const depth = offsets
      ? dlqDepth([...offsets.values()], input.handledCount(topic, offsets))
      : null;
    // The oldest dead letter still waiting: past those already replayed or discarded.
    const oldest = offsets
      ? [...offsets].flatMap(([partition, o]) => {
          const at = input.firstUnhandled?.(topic, partition, o.start) ?? o.start;
          return BigInt(o.end) > BigInt(at)
            ? [input.timestamps.get({ topic, partition, offset: at })]
            : [];
        })
      : [];
    const partitions = raw.topics.get(topic) ?? [];
    return {
      cluster: input.cluster,
      topic,
      sourceTopics: [...found.sourceTopics].sort(),
      discoveredBy: [...found.discoveredBy].sort(),
      depth,
      oldestAgeSeconds: depth === null ? null : oldestAgeSeconds(depth, oldest, nowMs),
      inflowPerMinute: inflowPerMinute(
        partitions.map((p) => input.history(topic, p)),
        input.rateSpanMs,
      ),
      errorClasses: sample?.classes ?? [],
    };
  });
}

export function buildSnapshot(input: SnapshotInput): ClusterSnapshot {
  const groups = buildGroups(input);
  const dlqs = buildDlqs(input);
  const topics = buildTopics(input, new Set(dlqs.map((d) => d.topic)));
  return {
    cluster: input.cluster,
    at: new Date(input.nowMs).toISOString(),
    reachable: true,
    brokers: input.raw.brokers,
    groups,
    topics,
    dlqs,
    requests: input.requests,
    durationMs: input.durationMs,
  };
}
