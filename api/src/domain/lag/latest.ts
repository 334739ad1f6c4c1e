import type {
  ClusterSnapshot,
  DlqStats,
  GroupLag,
  GroupListQuery,
  GroupSummary,
  TopicSummary,
} from '@eventscope/shared';
import { statusRank } from '../../store';
import { NotFoundError } from '../errors';

/** The newest snapshot per cluster: current views are answered from memory, history from the store. */
export interface LatestSnapshots {
  set(snapshot: ClusterSnapshot): void;
  get(cluster: string): ClusterSnapshot | undefined;
  all(): ClusterSnapshot[];
}

export function createLatestSnapshots(): LatestSnapshots {
  const byCluster = new Map<string, ClusterSnapshot>();
  return {
    set: (snapshot) => void byCluster.set(snapshot.cluster, snapshot),
    get: (cluster) => byCluster.get(cluster),
    all: () => [...byCluster.values()],
  };
}

export function toGroupSummary(g: GroupLag): GroupSummary {
  return {
    cluster: g.cluster,
    group: g.group,
    state: g.state,
    status: g.status.code,
    statusReason: g.status.reason,
    members: g.members.length,
    topics: g.topics,
    lagMessages: g.lagMessages,
    lagSeconds: g.lagSeconds,
    lagSecondsIsLowerBound: g.lagSecondsIsLowerBound,
  };
}

/** Unknown lag sorts last whichever way the column is sorted: it is not "small". */
function compare(a: GroupSummary, b: GroupSummary, sort: GroupListQuery['sort']): number {
  switch (sort) {
    case 'group':
      return a.group.localeCompare(b.group) || a.cluster.localeCompare(b.cluster);
    case 'status':
      return statusRank[a.status] - statusRank[b.status];
    case 'members':
      return a.members - b.members;
    default:
      return (a[sort] ?? 0) - (b[sort] ?? 0);
  }
}

export function listGroups(latest: LatestSnapshots, query: GroupListQuery) {
  const needle = query.q?.toLowerCase();
  const items = latest
    .all()
    .filter((s) => !query.cluster || s.cluster === query.cluster)
    .flatMap((s) => s.groups.map(toGroupSummary))
    .filter((g) => !query.status || query.status.includes(g.status))
    .filter(
      (g) =>
        !needle ||
        g.group.toLowerCase().includes(needle) ||
        g.topics.some((t) => t.toLowerCase().includes(needle)),
    );
  const direction = query.order === 'asc' ? 1 : -1;
  const numeric = query.sort === 'lagSeconds' || query.sort === 'lagMessages';
  items.sort((a, b) => {
    if (numeric) {
      const unknownA = a[query.sort as 'lagSeconds'] === null;
      const unknownB = b[query.sort as 'lagSeconds'] === null;
      if (unknownA !== unknownB) return unknownA ? 1 : -1;
    }
    return direction * compare(a, b, query.sort) || a.group.localeCompare(b.group);
  });
  return { total: items.length, items: items.slice(query.offset, query.offset + query.limit) };
}

export function getGroup(latest: LatestSnapshots, cluster: string, group: string): GroupLag {
  const found = latest.get(cluster)?.groups.find((g) => g.group === group);
  if (!found) throw new NotFoundError(`consumer group ${group} in cluster ${cluster}`);
  return found;
}

export function listTopics(
  latest: LatestSnapshots,
  query: { cluster?: string; q?: string },
): TopicSummary[] {
  const needle = query.q?.toLowerCase();
  return latest
    .all()
    .filter((s) => !query.cluster || s.cluster === query.cluster)
    .flatMap((s) =>
      s.topics.map((t) => ({
        cluster: s.cluster,
        topic: t.topic,
        partitions: t.partitions,
        messagesPerSecond: t.messagesPerSecond ?? null,
        bytesPerSecond: t.bytesPerSecond ?? null,
        size: t.size,
        isDlq: t.isDlq,
        dlqs: s.dlqs.filter((d) => d.sourceTopics.includes(t.topic)).map((d) => d.topic),
        consumerGroups: s.groups.filter((g) => g.topics.includes(t.topic)).map((g) => g.group),
      })),
    )
    .filter((t) => !needle || t.topic.toLowerCase().includes(needle))
    .sort((a, b) => a.topic.localeCompare(b.topic));
}

export function getTopic(latest: LatestSnapshots, cluster: string, topic: string): TopicSummary {
  const found = listTopics(latest, { cluster }).find((t) => t.topic === topic);
  if (!found) throw new NotFoundError(`topic ${topic} in cluster ${cluster}`);
  return found;
}

export function listDlqs(latest: LatestSnapshots, query: { cluster?: string }): DlqStats[] {
  return latest
    .all()
    .filter((s) => !query.cluster || s.cluster === query.cluster)
    .flatMap((s) => s.dlqs)
    .sort((a, b) => (b.depth ?? -1) - (a.depth ?? -1) || a.topic.localeCompare(b.topic));
}
