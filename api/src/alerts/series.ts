import type { AlertMetric, ClusterSnapshot, GroupLag, GroupStatusCode } from '@eventscope/shared';
import type { Labels } from './labels';
import type { LagRing, LagRings } from './lag-growth';

/**
 * One entity at one evaluation (a group, a topic, a DLQ, a cluster, a service) with its
 * labels and the values of the metrics it has (null = unknown, never 0). The metrics of one
 * entity share one object: 10,000 series cost a few thousand objects, not tens of thousands.
 * `key` is unique across clusters within a family.
 */
export interface Series {
  key: string;
  labels: Labels;
  values: Partial<Record<AlertMetric, number | null>>;
  /** groupStatus: the status; the rule decides which statuses count (value 1) or not (0). */
  status?: GroupStatusCode;
  /** lagGrowth: the lag history; the rule computes growth over its own window. */
  ring?: LagRing;
}

/** Series by family (`lagSeconds`, `lagSeconds/topic`, …), see metrics.ts familyOf. */
export type SeriesSet = Map<string, readonly Series[]>;

/**
 * Series objects kept across snapshots and updated in place: an entity's labels and key do
 * not change from one sample to the next, so 10,000 series do not cost 10,000 new objects
 * (and their garbage) every few seconds. Entries not seen for a while are dropped.
 */
export class SeriesCache {
  readonly #entries = new Map<string, { series: Series; seenAt: number }>();

  get(id: string, atMs: number, make: () => Series): Series {
    let entry = this.#entries.get(id);
    if (!entry) this.#entries.set(id, (entry = { series: make(), seenAt: atMs }));
    else entry.seenAt = atMs;
    return entry.series;
  }

  forgetOlderThan(cutoffMs: number): void {
    for (const [id, entry] of this.#entries) if (entry.seenAt < cutoffMs) this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}

export interface ExtractOptions {
  /** Families some enabled rule reads; others are not built. */
  families: ReadonlySet<string>;
  /** Series kept across snapshots (see SeriesCache). */
  cache: SeriesCache;
  /** Lag history for lagGrowth, kept across snapshots. */
  rings: LagRings;
  /** How long lag history is kept (the longest lagGrowth window). */
  retainMs: number;
}

const SEP = '\u001f'; // not NUL: PostgreSQL text and jsonb cannot hold it
const groupMetrics = ['lagSeconds', 'lagMessages', 'lagGrowth', 'groupStatus'] as const;

/** Per-topic lag of a group from its partitions: messages summed, seconds the max. */
function byTopic(g: GroupLag): Map<string, { messages: number | null; seconds: number | null }> {
  const topics = new Map<string, { messages: number | null; seconds: number | null }>();
  for (const p of g.partitions) {
    const t = topics.get(p.topic) ?? { messages: null, seconds: null };
    if (p.lagMessages !== null) t.messages = (t.messages ?? 0) + p.lagMessages;
    if (p.lagSeconds !== null) t.seconds = Math.max(t.seconds ?? 0, p.lagSeconds);
    topics.set(p.topic, t);
  }
  return topics;
}

function groupSeries(
  snapshot: ClusterSnapshot,
  fine: boolean,
  atMs: number,
  opts: ExtractOptions,
  set: SeriesSet,
): void {
  const suffix = fine ? '/topic' : '';
  const wanted = groupMetrics.filter((m) => opts.families.has(m + suffix));
  if (wanted.length === 0) return;
  const growth = wanted.includes('lagGrowth');
  const cluster = snapshot.cluster;
  const list: Series[] = [];
  const add = (
    key: string,
    labels: () => Labels,
    messages: number | null,
    seconds: number | null,
    status: GroupStatusCode,
  ) => {
    const series = opts.cache.get(`g${suffix}${SEP}${key}`, atMs, () => ({
      key,
      labels: labels(),
      values: { lagSeconds: null, lagMessages: null },
      status,
    }));
    series.values.lagSeconds = seconds;
    series.values.lagMessages = messages;
    series.status = status;
    if (growth && messages !== null) {
      const ring = opts.rings.ring(suffix + SEP + key);
      ring.push(atMs, messages, opts.retainMs);
      series.ring = ring;
    }
    list.push(series);
  };
  for (const g of snapshot.groups) {
    const key = cluster + SEP + g.group;
    if (!fine) {
      add(key, () => ({ cluster, group: g.group }), g.lagMessages, g.lagSeconds, g.status.code);
      continue;
    }
    for (const [topic, lag] of byTopic(g))
      add(
        key + SEP + topic,
        () => ({ cluster, group: g.group, topic }),
        lag.messages,
        lag.seconds,
        g.status.code,
      );
  }
  for (const m of wanted) set.set(m + suffix, list);
}

/**
 * The series of one cluster snapshot, for the families the rules read. Unknown values stay
 * null (an unreachable cluster's lag is unknown, not 0). A topic the tap does not measure has
 * no event-size series at all: not measured is not "no data".
 */
export function snapshotSeries(snapshot: ClusterSnapshot, opts: ExtractOptions): SeriesSet {
  const set: SeriesSet = new Map();
  const cluster = snapshot.cluster;
  const atMs = Date.parse(snapshot.at);
  groupSeries(snapshot, false, atMs, opts, set);
  groupSeries(snapshot, true, atMs, opts, set);

  if (opts.families.has('dlqDepth') || opts.families.has('dlqInflow')) {
    const list = snapshot.dlqs.map((d) => {
      const id = `d${SEP}${cluster}${SEP}${d.topic}${SEP}${d.sourceTopics.join(',')}`;
      const series = opts.cache.get(id, atMs, () => ({
        key: cluster + SEP + d.topic,
        labels: {
          cluster,
          dlq: d.topic,
          ...(d.sourceTopics.length > 0 ? { topic: d.sourceTopics.join(',') } : {}),
        },
        values: { dlqDepth: null, dlqInflow: null },
      }));
      series.values.dlqDepth = d.depth;
      series.values.dlqInflow = d.inflowPerMinute;
      return series;
    });
    set.set('dlqDepth', list);
    set.set('dlqInflow', list);
  }

  if (opts.families.has('eventSizeP95') || opts.families.has('eventSizeMax')) {
    const list: Series[] = [];
    for (const t of snapshot.topics) {
      if (!t.size) continue;
      const series = opts.cache.get(`t${SEP}${cluster}${SEP}${t.topic}`, atMs, () => ({
        key: cluster + SEP + t.topic,
        labels: { cluster, topic: t.topic },
        values: { eventSizeP95: null, eventSizeMax: null },
      }));
      series.values.eventSizeP95 = t.size.p95;
      series.values.eventSizeMax = t.size.max;
      list.push(series);
    }
    set.set('eventSizeP95', list);
    set.set('eventSizeMax', list);
  }

  // A snapshot just arrived: the collector is as fresh as it gets.
  const self: Series = {
    key: cluster,
    labels: { cluster },
    values: { clusterUnreachable: snapshot.reachable ? 0 : 1, collectorStale: 0 },
  };
  set.set('clusterUnreachable', [self]);
  set.set('collectorStale', [self]);
  return set;
}

/** collectorStale of one cluster between snapshots (the staleness timer). */
export function stalenessSeries(cluster: string, ageSeconds: number): SeriesSet {
  const self: Series = {
    key: cluster,
    labels: { cluster },
    values: { collectorStale: ageSeconds },
  };
  return new Map([['collectorStale', [self]]]);
}
