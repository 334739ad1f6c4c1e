import type { Admin, Kafka } from 'kafkajs';
import pLimit from 'p-limit';
import type { GroupMember } from '@eventscope/shared';
import type { Logger } from '../logger';
import { withTimeout } from '../timeout';
import { decodeMembers } from './members';
import { isOwnGroup } from './own-groups';

/**
 * Everything one sample needs from a Kafka cluster, read through kafkajs' admin client:
 * metadata, groups and their members, committed offsets of every group, and log start/end
 * offsets of every topic. Each call has a timeout; a failing group or topic is reported in
 * `errors` and left out, so it cannot fail the whole sample. Only a failed metadata call
 * (the cluster is unreachable) rejects.
 */

export interface TopicOffsets {
  start: string;
  end: string;
}

export interface GroupInfo {
  group: string;
  state: string;
  protocolType: string;
  members: GroupMember[];
  /** false when the group could not be described this sample (state and members unknown). */
  described: boolean;
}

export interface CollectError {
  scope: 'topic' | 'group' | 'cluster';
  name: string;
  message: string;
}

export interface RawClusterState {
  brokers: string[];
  /** Non-internal topics → sorted partition ids. */
  topics: Map<string, number[]>;
  /** topic → partition → offsets; a topic is missing when its offsets could not be read. */
  offsets: Map<string, Map<number, TopicOffsets>>;
  groups: GroupInfo[];
  /** group → topic → partition → committed offset; a group is missing when its offsets failed. */
  committed: Map<string, Map<string, Map<number, string>>>;
  errors: CollectError[];
  /** Kafka requests made for this collection. */
  requests: number;
}

export interface KafkaAdapter {
  collect(): Promise<RawClusterState>;
  /** Drops the admin connection; the next collect() reconnects from scratch. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface KafkaAdapterOptions {
  logger: Logger;
  /** Timeout for each admin call. */
  callTimeoutMs: number;
  /** Parallel per-group and per-topic calls (default 8). */
  concurrency?: number;
}

/** __consumer_offsets, __transaction_state and every other "__" topic are Kafka's own. */
export function isInternalTopic(topic: string): boolean {
  return topic.startsWith('__');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorType(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'type' in error) {
    const type: unknown = error.type;
    return typeof type === 'string' ? type : undefined;
  }
  return undefined;
}

const DESCRIBE_BATCH = 100;

export function createKafkaAdapter(kafka: Kafka, options: KafkaAdapterOptions): KafkaAdapter {
  const logger = options.logger.child({ component: 'kafka-adapter' });
  const timeoutMs = options.callTimeoutMs;
  const limit = pLimit(options.concurrency ?? 8);
  let admin: Admin | undefined;
  let connected = false;
  let requests = 0;
  let lastTopology = new Map<string, number>();

  function getAdmin(): Admin {
    if (admin) return admin;
    const created = kafka.admin({
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
    });
    created.on(created.events.REQUEST, () => {
      requests++;
    });
    admin = created;
    connected = false;
    return created;
  }

  async function reset(): Promise<void> {
    const old = admin;
    admin = undefined;
    connected = false;
    // Bounded: a disconnect from a dead broker must not hold up the next sample.
    if (old)
      await withTimeout(old.disconnect(), timeoutMs, 'admin disconnect').catch(() => undefined);
  }

  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    withTimeout(fn(), timeoutMs, what);

  async function readTopology(): Promise<{ brokers: string[]; topics: Map<string, number[]> }> {
    let a = getAdmin();
    if (!connected) {
      await call('connect', () => a.connect());
      connected = true;
    }
    const [cluster, metadata] = await Promise.all([
      call('describeCluster', () => a.describeCluster()),
      call('fetchTopicMetadata', () => a.fetchTopicMetadata()),
    ]);
    const topics = new Map<string, number[]>();
    for (const t of metadata.topics) {
      if (isInternalTopic(t.name)) continue;
      topics.set(
        t.name,
        t.partitions.map((p) => p.partitionId).sort((x, y) => x - y),
      );
    }
    // kafkajs caches per-topic partition metadata for minutes and keeps asking for deleted
    // topics; after a topic is deleted or grows partitions, start from a fresh admin.
    const changed = [...lastTopology].some(([t, n]) => topics.get(t)?.length !== n);
    lastTopology = new Map([...topics].map(([t, p]) => [t, p.length]));
    if (changed) {
      await reset();
      a = getAdmin();
      await call('connect', () => a.connect());
      connected = true;
    }
    return { brokers: cluster.brokers.map((b) => `${b.host}:${b.port}`), topics };
  }

  async function readGroups(a: Admin, errors: CollectError[]): Promise<GroupInfo[]> {
    const listed = await call('listGroups', () => a.listGroups());
    const ids = listed.groups
      .map((g) => g.groupId)
      .filter((id) => !isOwnGroup(id))
      .sort();
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += DESCRIBE_BATCH)
      batches.push(ids.slice(i, i + DESCRIBE_BATCH));
    const described = await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          try {
            return (await call('describeGroups', () => a.describeGroups(batch))).groups;
          } catch (error) {
            for (const group of batch)
              errors.push({ scope: 'group', name: group, message: message(error) });
            return batch.map((group) => ({ groupId: group, failed: true as const }));
          }
        }),
      ),
    );
    // A group that could not be described is still listed, as unknown, never dropped.
    return described.flat().map((d) =>
      'failed' in d
        ? { group: d.groupId, state: 'Unknown', protocolType: '', members: [], described: false }
        : {
            group: d.groupId,
            state: d.state,
            protocolType: d.protocolType,
            members: decodeMembers(d.protocolType, d.members),
            described: true,
          },
    );
  }

  async function readCommitted(
    a: Admin,
    groups: readonly GroupInfo[],
    errors: CollectError[],
  ): Promise<Map<string, Map<string, Map<number, string>>>> {
    const committed = new Map<string, Map<string, Map<number, string>>>();
    await Promise.all(
      groups.map((g) =>
        limit(async () => {
          try {
            // No topic list: one OffsetFetch (v3+, null topics) returns all of the group's offsets.
            const result = await call(`fetchOffsets ${g.group}`, () =>
              a.fetchOffsets({ groupId: g.group }),
            );
            const byTopic = new Map<string, Map<number, string>>();
            for (const t of result) {
              if (isInternalTopic(t.topic)) continue;
              const byPartition = new Map<number, string>();
              // -1 means "no committed offset" for that partition.
              for (const p of t.partitions)
                if (!p.offset.startsWith('-')) byPartition.set(p.partition, p.offset);
              if (byPartition.size > 0) byTopic.set(t.topic, byPartition);
            }
            committed.set(g.group, byTopic);
          } catch (error) {
            errors.push({ scope: 'group', name: g.group, message: message(error) });
          }
        }),
      ),
    );
    return committed;
  }

  async function readOffsets(
    a: Admin,
    topics: readonly string[],
    errors: CollectError[],
  ): Promise<{ offsets: Map<string, Map<number, TopicOffsets>>; stale: boolean }> {
    const offsets = new Map<string, Map<number, TopicOffsets>>();
    let stale = false;
    await Promise.all(
      topics.map((topic) =>
        limit(async () => {
          try {
            const result = await call(`fetchTopicOffsets ${topic}`, () =>
              a.fetchTopicOffsets(topic),
            );
            offsets.set(
              topic,
              new Map(result.map((p) => [p.partition, { start: p.low, end: p.high }])),
            );
          } catch (error) {
            if (errorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') stale = true;
            errors.push({ scope: 'topic', name: topic, message: message(error) });
          }
        }),
      ),
    );
    return { offsets, stale };
  }

  return {
    async collect() {
      const before = requests;
      const errors: CollectError[] = [];
      let topology: { brokers: string[]; topics: Map<string, number[]> };
      try {
        topology = await readTopology();
      } catch (error) {
        await reset();
        throw error;
      }
      const a = getAdmin();
      const [groups, topicOffsets] = await Promise.all([
        readGroups(a, errors).catch((error: unknown) => {
          errors.push({ scope: 'cluster', name: 'listGroups', message: message(error) });
          return [];
        }),
        readOffsets(a, [...topology.topics.keys()], errors),
      ]);
      const committed = await readCommitted(a, groups, errors);
      if (topicOffsets.stale) await reset();
      if (errors.length > 0)
        logger.debug({ errors: errors.slice(0, 5), count: errors.length }, 'partial sample');
      return {
        brokers: topology.brokers,
        topics: topology.topics,
        offsets: topicOffsets.offsets,
        groups,
        committed,
        errors,
        requests: requests - before,
      };
    },
    reset,
    close: reset,
  };
}
