import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { LatestSnapshots } from '../domain/lag/latest';
import type { ClusterStatusSource } from '../domain/health';

/**
 * Prometheus exposition of what Eventscope measures, so Grafana dashboards keep working.
 * Values are read from the latest snapshots at scrape time; unknown lag is left out rather
 * than exported as 0.
 */
export function createMetrics(deps: {
  latest: LatestSnapshots;
  clusters: readonly ClusterStatusSource[];
}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'eventscope_process_' });
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });
  const snapshots = () => deps.latest.all();

  gauge(
    'eventscope_cluster_reachable',
    '1 when the last metadata call succeeded',
    ['cluster'],
    (g) => {
      for (const c of deps.clusters)
        g.set({ cluster: c.current().id }, c.current().reachable ? 1 : 0);
    },
  );
  gauge(
    'eventscope_consumer_lag_messages',
    'Messages behind the log end, per partition',
    ['cluster', 'group', 'topic', 'partition'],
    (g) => {
      for (const s of snapshots())
        for (const grp of s.groups)
          for (const p of grp.partitions)
            if (p.lagMessages !== null)
              g.set(
                {
                  cluster: s.cluster,
                  group: grp.group,
                  topic: p.topic,
                  partition: String(p.partition),
                },
                p.lagMessages,
              );
    },
  );
  gauge(
    'eventscope_consumer_lag_seconds',
    'Age of the oldest unconsumed record, per partition',
    ['cluster', 'group', 'topic', 'partition'],
    (g) => {
      for (const s of snapshots())
        for (const grp of s.groups)
          for (const p of grp.partitions)
            if (p.lagSeconds !== null)
              g.set(
                {
                  cluster: s.cluster,
                  group: grp.group,
                  topic: p.topic,
                  partition: String(p.partition),
                },
                p.lagSeconds,
              );
    },
  );
  gauge(
    'eventscope_consumer_group_lag_seconds',
    'Max lag seconds of a group',
    ['cluster', 'group'],
    (g) => {
      for (const s of snapshots())
        for (const grp of s.groups)
          if (grp.lagSeconds !== null)
            g.set({ cluster: s.cluster, group: grp.group }, grp.lagSeconds);
    },
  );
  gauge(
    'eventscope_consumer_group_status',
    '1 for the current status of each group',
    ['cluster', 'group', 'status'],
    (g) => {
      for (const s of snapshots())
        for (const grp of s.groups)
          g.set({ cluster: s.cluster, group: grp.group, status: grp.status.code }, 1);
    },
  );
  gauge(
    'eventscope_dlq_depth',
    'Dead letters not yet replayed or discarded',
    ['cluster', 'topic'],
    (g) => {
      for (const s of snapshots())
        for (const d of s.dlqs)
          if (d.depth !== null) g.set({ cluster: s.cluster, topic: d.topic }, d.depth);
    },
  );
  gauge(
    'eventscope_topic_event_size_bytes',
    'Event size (key + value + headers) percentiles',
    ['cluster', 'topic', 'quantile'],
    (g) => {
      for (const s of snapshots())
        for (const t of s.topics)
          if (t.size)
            for (const [quantile, value] of [
              ['0.5', t.size.p50],
              ['0.95', t.size.p95],
              ['0.99', t.size.p99],
              ['1', t.size.max],
            ] as const)
              g.set({ cluster: s.cluster, topic: t.topic, quantile }, value);
    },
  );
  gauge('eventscope_sample_duration_seconds', 'Wall time of the last sample', ['cluster'], (g) => {
    for (const s of snapshots()) g.set({ cluster: s.cluster }, s.durationMs / 1000);
  });
  gauge(
    'eventscope_sample_kafka_requests',
    'Kafka requests made by the last sample',
    ['cluster'],
    (g) => {
      for (const s of snapshots()) g.set({ cluster: s.cluster }, s.requests);
    },
  );
  return registry;
}
