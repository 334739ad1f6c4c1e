import pLimit from 'p-limit';
import { protocolErrorsCodesById, type Broker, type Connection } from '@platformatic/kafka';
import type { ClusterConfig } from '@eventscope/shared';
import type { Logger } from '../../logger';
import { withTimeout } from '../../timeout';
import type {
  CollectError,
  GroupInfo,
  KafkaAdapter,
  RawClusterState,
  TopicOffsets,
} from '../adapter';
import { isInternalTopic } from '../adapter';
import { decodeMembers } from '../members';
import { isOwnGroup } from '../own-groups';
import { createConnectionPool, parseBroker } from './connections';
import * as kafka from './requests';

/**
 * The sampler's Kafka adapter speaking the batched protocol versions directly: one sample is
 * Metadata + ListGroups per broker + one FindCoordinator for all groups + DescribeGroups and
 * OffsetFetch once per coordinator + two ListOffsets per leader — a handful of requests per
 * broker whatever the number of groups and topics (issue #4: ≤ brokers × c + groups/50).
 * Needs Kafka ≥ 3.0; `supported()` says whether the cluster qualifies, else the kafkajs
 * adapter is used.
 */

const GROUPS_PER_REQUEST = 1000;

export interface WireAdapter extends KafkaAdapter {
  /** null when every batched request is supported, else what is missing. */
  unsupported(): Promise<string[] | null>;
}

interface Topology {
  brokers: Map<number, Broker>;
  topics: Map<string, number[]>;
  /** leader node → topic → partitions it leads. */
  leaders: Map<number, Map<string, number[]>>;
}

function errorName(code: number): string {
  return protocolErrorsCodesById[code] ?? `error ${code}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function createWireAdapter(
  cluster: ClusterConfig,
  options: { logger: Logger; callTimeoutMs: number; concurrency?: number },
): WireAdapter {
  const logger = options.logger.child({ component: 'kafka-wire' });
  const bootstrap = cluster.brokers.map(parseBroker);
  const limit = pLimit(options.concurrency ?? 8);
  let pool = createConnectionPool(cluster);
  let requests = 0;

  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    requests++;
    return withTimeout(fn(), options.callTimeoutMs, what);
  };

  async function connectionTo(broker: Broker): Promise<Connection> {
    return withTimeout(pool.get(broker), options.callTimeoutMs, `connect ${broker.host}`);
  }

  async function anyConnection(known?: Map<number, Broker>): Promise<Connection> {
    const candidates = known && known.size > 0 ? [...known.values()] : bootstrap;
    return withTimeout(pool.getFirstAvailable(candidates), options.callTimeoutMs, 'connect');
  }

  async function reset(): Promise<void> {
    const old = pool;
    pool = createConnectionPool(cluster);
    await withTimeout(old.close(), options.callTimeoutMs, 'close').catch(() => undefined);
  }

  async function readTopology(): Promise<Topology> {
    const connection = await anyConnection();
    const meta = await call('metadata', () => kafka.metadata(connection));
    const brokers = new Map(meta.brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }]));
    const topics = new Map<string, number[]>();
    const leaders = new Map<number, Map<string, number[]>>();
    for (const t of meta.topics) {
      if (!t.name || t.isInternal || isInternalTopic(t.name)) continue;
      const partitions = t.partitions.map((p) => p.partitionIndex).sort((a, b) => a - b);
      topics.set(t.name, partitions);
      for (const p of t.partitions) {
        if (p.leaderId < 0) continue;
        let byTopic = leaders.get(p.leaderId);
        if (!byTopic) leaders.set(p.leaderId, (byTopic = new Map()));
        pushTo(byTopic, t.name, p.partitionIndex);
      }
    }
    return { brokers, topics, leaders };
  }

  async function readOffsets(
    topology: Topology,
    errors: CollectError[],
  ): Promise<Map<string, Map<number, TopicOffsets>>> {
    const offsets = new Map<string, Map<number, TopicOffsets>>();
    const failed = new Set<string>();
    await Promise.all(
      [...topology.leaders].map(([nodeId, topics]) =>
        limit(async () => {
          const broker = topology.brokers.get(nodeId);
          try {
            if (!broker) throw new Error(`leader ${nodeId} is not in the metadata`);
            const connection = await connectionTo(broker);
            const [start, end] = await Promise.all(
              [kafka.EARLIEST, kafka.LATEST].map((at) =>
                call(`listOffsets ${nodeId}`, () => kafka.listOffsets(connection, at, topics)),
              ),
            );
            const starts = new Map<string, bigint>();
            for (const t of start?.topics ?? [])
              for (const p of t.partitions)
                if (p.errorCode === 0) starts.set(`${t.name}\u0000${p.partitionIndex}`, p.offset);
            for (const t of end?.topics ?? [])
              for (const p of t.partitions) {
                const low = starts.get(`${t.name}\u0000${p.partitionIndex}`);
                if (p.errorCode !== 0 || low === undefined) {
                  if (!failed.has(t.name))
                    errors.push({ scope: 'topic', name: t.name, message: errorName(p.errorCode) });
                  failed.add(t.name);
                  continue;
                }
                let byPartition = offsets.get(t.name);
                if (!byPartition) offsets.set(t.name, (byPartition = new Map()));
                byPartition.set(p.partitionIndex, {
                  start: low.toString(),
                  end: p.offset.toString(),
                });
              }
          } catch (error) {
            for (const t of topics.keys()) {
              failed.add(t);
              errors.push({ scope: 'topic', name: t, message: message(error) });
            }
          }
        }),
      ),
    );
    // A topic is reported whole or not at all: a partial partition map would skew its lag.
    for (const t of failed) offsets.delete(t);
    return offsets;
  }

  async function listGroupIds(topology: Topology, errors: CollectError[]): Promise<string[]> {
    const ids = new Set<string>();
    let answered = 0;
    await Promise.all(
      [...topology.brokers].map(([nodeId, broker]) =>
        limit(async () => {
          try {
            const connection = await connectionTo(broker);
            const listed = await call(`listGroups ${nodeId}`, () => kafka.listGroups(connection));
            answered++;
            for (const g of listed.groups) if (!isOwnGroup(g.groupId)) ids.add(g.groupId);
          } catch (error) {
            errors.push({
              scope: 'cluster',
              name: `listGroups ${nodeId}`,
              message: message(error),
            });
          }
        }),
      ),
    );
    if (answered === 0 && topology.brokers.size > 0) throw new Error('no broker listed groups');
    return [...ids].sort();
  }

  async function readGroups(
    topology: Topology,
    errors: CollectError[],
  ): Promise<{ groups: GroupInfo[]; committed: RawClusterState['committed'] }> {
    const ids = await listGroupIds(topology, errors);
    const groups = new Map<string, GroupInfo>(
      ids.map((group) => [
        group,
        { group, state: 'Unknown', protocolType: '', members: [], described: false },
      ]),
    );
    const committed: RawClusterState['committed'] = new Map();
    if (ids.length === 0) return { groups: [], committed };

    const byCoordinator = new Map<number, string[]>();
    const any = await anyConnection(topology.brokers);
    for (const batch of chunks(ids, GROUPS_PER_REQUEST)) {
      try {
        const found = await call('findCoordinator', () => kafka.findGroupCoordinators(any, batch));
        for (const c of found.coordinators) {
          if (c.errorCode !== 0) {
            errors.push({ scope: 'group', name: c.key, message: errorName(c.errorCode) });
            continue;
          }
          topology.brokers.set(c.nodeId, { host: c.host, port: c.port });
          pushTo(byCoordinator, c.nodeId, c.key);
        }
      } catch (error) {
        for (const g of batch) errors.push({ scope: 'group', name: g, message: message(error) });
      }
    }

    await Promise.all(
      [...byCoordinator].flatMap(([nodeId, members]) =>
        chunks(members, GROUPS_PER_REQUEST).map((batch) =>
          limit(async () => {
            try {
              const broker = topology.brokers.get(nodeId);
              if (!broker) throw new Error(`coordinator ${nodeId} is not known`);
              const connection = await connectionTo(broker);
              const [described, offsets] = await Promise.all([
                call(`describeGroups ${nodeId}`, () => kafka.describeGroups(connection, batch)),
                call(`offsetFetch ${nodeId}`, () => kafka.fetchCommitted(connection, batch)),
              ]);
              for (const d of described.groups) {
                if (d.errorCode !== 0) {
                  errors.push({ scope: 'group', name: d.groupId, message: errorName(d.errorCode) });
                  continue;
                }
                groups.set(d.groupId, {
                  group: d.groupId,
                  state: d.groupState,
                  protocolType: d.protocolType,
                  members: decodeMembers(d.protocolType, d.members),
                  described: true,
                });
              }
              for (const g of offsets.groups) {
                if (g.errorCode !== 0) {
                  errors.push({ scope: 'group', name: g.groupId, message: errorName(g.errorCode) });
                  continue;
                }
                const byTopic = new Map<string, Map<number, string>>();
                for (const t of g.topics) {
                  if (isInternalTopic(t.name)) continue;
                  const byPartition = new Map<number, string>();
                  // -1 means "no committed offset" for that partition.
                  for (const p of t.partitions)
                    if (p.errorCode === 0 && p.committedOffset >= 0n)
                      byPartition.set(p.partitionIndex, p.committedOffset.toString());
                  if (byPartition.size > 0) byTopic.set(t.name, byPartition);
                }
                committed.set(g.groupId, byTopic);
              }
            } catch (error) {
              for (const g of batch)
                errors.push({ scope: 'group', name: g, message: message(error) });
            }
          }),
        ),
      ),
    );
    return { groups: [...groups.values()], committed };
  }

  return {
    async unsupported() {
      try {
        const missing = await kafka.unsupportedApis(await anyConnection());
        return missing.length > 0 ? missing : null;
      } finally {
        await reset();
      }
    },
    async collect() {
      requests = 0;
      const errors: CollectError[] = [];
      let topology: Topology;
      try {
        topology = await readTopology();
      } catch (error) {
        await reset();
        throw error;
      }
      const [groupState, offsets] = await Promise.all([
        readGroups(topology, errors).catch((error: unknown) => {
          errors.push({ scope: 'cluster', name: 'listGroups', message: message(error) });
          return { groups: [], committed: new Map() };
        }),
        readOffsets(topology, errors),
      ]);
      if (errors.length > 0)
        logger.debug({ errors: errors.slice(0, 5), count: errors.length }, 'partial sample');
      return {
        brokers: [...topology.brokers.values()].map((b) => `${b.host}:${b.port}`),
        topics: topology.topics,
        offsets,
        groups: groupState.groups,
        committed: groupState.committed,
        errors,
        requests,
      };
    },
    reset,
    close: reset,
  };
}
