/**
 * Alert benchmark: `npm run bench:alerts [-- --samples=N]` (default 200 samples after 10 of warm-up). One exported function per
 * section, so more sections (end-to-end notification latency on a real broker) can be added
 * beside them.
 *
 * Section 1, rule evaluation cost: 10,000 series × 50 rules per sample, from synthetic cluster
 * snapshots (1,900 groups × lag seconds, lag messages, lag growth, group status; 1,000 topics ×
 * event size p95 and max; 200 DLQs × depth and inflow; the cluster's reachability and
 * staleness). Reports ms per sample (median, p99, max) of the in-memory evaluation — series
 * extraction, rules, state machine, silences and inhibition — and, beside it, the same plus
 * storing the changed alert state on PGlite. Target: evaluation < 50 ms per sample.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import type {
  AlertRuleInput,
  ClusterSnapshot,
  DlqStats,
  GroupLag,
  GroupStatusCode,
  TopicStats,
} from '@eventscope/shared';
import { AlertRuleInputSchema } from '@eventscope/shared';
import { createEventBus } from '../domain/events';
import { openStore } from '../store';
import { benchNotificationLatency, printLatency } from './bench-latency';
import { createAlertEngine } from './engine';
import { Evaluator } from './evaluator';
import { compileSilence } from './flags';
import { createNoopNotificationCenter } from './noop-notifications';
import { compileRule } from './rule-compile';
import { ruleRepository } from './rule-repository';

const print = (line: string) => process.stdout.write(`${line}\n`);
const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};

const GROUPS = 1900;
const TOPICS = 1000;
const DLQS = 200;
const INTERVAL_MS = 5000;
const CLUSTER = 'bench';

/** A deterministic PRNG (mulberry32), so every run measures the same work. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Cluster samples with realistic trouble: at any time 1 % of groups are in an incident (lag
 * growing, status STOP) for 10 samples before they recover and others start; a few groups
 * lag-warn, a few topics carry huge events, a few DLQs fill up. Everything else is healthy
 * noise, near but below the thresholds.
 */
export function syntheticCluster(seed = 1) {
  const rnd = random(seed);
  const lag = Array.from({ length: GROUPS }, () => rnd() * 5);
  const incidentSize = Math.ceil(GROUPS / 100);
  return (i: number, atMs: number): ClusterSnapshot => {
    const wave = Math.floor(i / 10);
    const groups: GroupLag[] = lag.map((previous, g) => {
      const incident = Math.floor(g / incidentSize) % 100 === wave % 100;
      const seconds = incident ? previous + 30 : Math.min(previous, 10) * 0.5 + rnd() * 5;
      lag[g] = seconds;
      const status: GroupStatusCode =
        incident && i % 10 > 1 ? 'STOP' : g % 97 === 0 ? 'WARN' : 'OK';
      return {
        cluster: CLUSTER,
        group: `svc-${g % 40}-consumer-${g}`,
        state: 'Stable',
        protocolType: 'consumer',
        members: [],
        topics: [`topic-${g % TOPICS}`],
        lagMessages: Math.round(seconds * 20),
        lagSeconds: seconds,
        lagSecondsIsLowerBound: false,
        partitions: [],
        status: { code: status, reason: '' },
      };
    });
    const topics: TopicStats[] = Array.from({ length: TOPICS }, (_, t) => {
      const s = 500 + rnd() * 4000;
      const huge = t % 200 === 0;
      return {
        topic: `topic-${t}`,
        partitions: 6,
        endOffsetSum: '1000',
        startOffsetSum: '0',
        size: {
          p50: s / 2,
          p95: huge ? 2_000_000 : s,
          p99: s * 1.5,
          max: huge ? 4_000_000 : s * 2,
          count: 100,
        },
        isDlq: false,
      };
    });
    const dlqs: DlqStats[] = Array.from({ length: DLQS }, (_, q) => ({
      cluster: CLUSTER,
      topic: `topic-${q}.DLQ`,
      sourceTopics: [`topic-${q}`],
      discoveredBy: ['name'],
      depth: q % 50 === 0 ? 150 + i : Math.floor(rnd() * 20),
      oldestAgeSeconds: 60,
      inflowPerMinute: q % 50 === 0 ? 6 : rnd(),
      errorClasses: [],
    }));
    return {
      cluster: CLUSTER,
      at: new Date(atMs).toISOString(),
      reachable: true,
      brokers: ['127.0.0.1:9092'],
      groups,
      topics,
      dlqs,
      requests: 10,
      durationMs: 50,
    };
  };
}

/** 50 rules over every snapshot metric, with equality, regex and negative matchers. */
export function benchRules(): AlertRuleInput[] {
  const rules: Record<string, unknown>[] = [];
  const add = (metric: string, n: number, make: (i: number) => Record<string, unknown>) => {
    for (let i = 0; i < n; i++)
      rules.push({
        name: `${metric} ${i}`,
        metric,
        op: '>',
        forSeconds: (i % 3) * 5,
        severity: i % 2 ? 'warning' : 'critical',
        annotations: { summary: '{{labels.group}}{{labels.topic}} at {{value}}' },
        ...make(i),
      });
  };
  const groupMatchers = (i: number) =>
    [
      {},
      { group: `=~svc-${i}-.*` },
      { group: `svc-${i}-consumer-${i}` },
      { group: `!~svc-${i}.*` },
      { cluster: CLUSTER },
    ][i % 5];
  add('lagSeconds', 10, (i) => ({ threshold: 30 + i * 20, matchers: groupMatchers(i) }));
  add('lagMessages', 8, (i) => ({ threshold: 1000 + i * 500, matchers: groupMatchers(i) }));
  add('lagGrowth', 6, (i) => ({
    threshold: 5 + i,
    windowSeconds: i % 2 ? 60 : 300,
    matchers: groupMatchers(i),
  }));
  add('groupStatus', 6, (i) => ({
    op: '==',
    threshold: 1,
    statuses: i % 2 ? ['STOP', 'STALL'] : ['WARN'],
    matchers: groupMatchers(i),
  }));
  add('dlqDepth', 5, (i) => ({
    threshold: 50 + i * 10,
    matchers: i % 2 ? { dlq: '=~.*1.DLQ' } : {},
  }));
  add('dlqInflow', 4, (i) => ({ threshold: 2 + i * 0.2 }));
  add('eventSizeP95', 5, (i) => ({
    threshold: 1_048_576,
    matchers: i % 2 ? { topic: `=~topic-${i}.*` } : {},
  }));
  add('eventSizeMax', 4, (i) => ({ threshold: 3_000_000 + i * 100_000 }));
  add('clusterUnreachable', 1, () => ({ op: '==', threshold: 1, forSeconds: 5 }));
  add('collectorStale', 1, () => ({ threshold: 15 }));
  return rules.map((r) => AlertRuleInputSchema.parse(r));
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export interface EvaluationResult {
  series: number;
  rules: number;
  samples: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  activeAlerts: number;
  /** The same samples through the engine, storing changed state on PGlite each time. */
  withStore: { medianMs: number; p99Ms: number };
}

/** Section 1: rule evaluation cost per sample, in memory and with the store. */
export async function benchEvaluation(samples = 200, warmup = 10): Promise<EvaluationResult> {
  const rules = benchRules().map((definition, i) =>
    compileRule({ id: `r${i}`, definition, updatedAt: 'v1' }),
  );
  const evaluator = new Evaluator({ sampleIntervalMs: INTERVAL_MS, missingResolveMs: 600_000 });
  const silence = compileSilence({
    id: 's1',
    matchers: [{ label: 'group', op: '=~', value: 'svc-7-.*' }],
    startsAt: 0,
    endsAt: Number.MAX_SAFE_INTEGER,
  });
  evaluator.configure(rules, [silence], new Map(), 0);
  const next = syntheticCluster();
  const t0 = Date.UTC(2030, 0, 1);
  const times: number[] = [];
  let series = 0;
  for (let i = 0; i < samples + warmup; i++) {
    const at = t0 + i * INTERVAL_MS;
    const snapshot = next(i, at);
    const started = performance.now();
    evaluator.evaluateSnapshot(snapshot, at);
    evaluator.applyFlags(at);
    const elapsed = performance.now() - started;
    // What the engine does after storing: resolved alerts leave memory.
    evaluator.committed([...evaluator.changes.dirty]);
    if (i >= warmup) times.push(elapsed);
    series = snapshot.groups.length * 4 + snapshot.topics.length * 2 + snapshot.dlqs.length * 2 + 2;
  }
  times.sort((a, b) => a - b);
  return {
    series,
    rules: rules.length,
    samples,
    medianMs: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: times.at(-1) ?? Number.NaN,
    activeAlerts: evaluator.alerts.size,
    withStore: await benchWithStore(Math.min(samples, 20)),
  };
}

async function benchWithStore(samples: number): Promise<{ medianMs: number; p99Ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'es-bench-alerts-'));
  const store = await openStore({ dataDir: dir });
  try {
    const repo = ruleRepository(store.db);
    let n = 0;
    for (const rule of benchRules()) await repo.insert(`r${n++}`, rule, false);
    const engine = createAlertEngine({
      db: store.db,
      notifications: createNoopNotificationCenter(),
      events: createEventBus(),
      logger: pino({ level: 'warn' }),
      sampleIntervalMs: INTERVAL_MS,
      seedDefaults: false,
    });
    const next = syntheticCluster();
    const t0 = Date.now();
    const times: number[] = [];
    for (let i = 0; i < samples + 3; i++) {
      const at = new Date(t0 + i * INTERVAL_MS);
      const snapshot = next(i, at.getTime());
      const started = performance.now();
      await engine.evaluate(snapshot, at);
      if (i >= 3) times.push(performance.now() - started);
    }
    await engine.stop();
    times.sort((a, b) => a - b);
    return { medianMs: percentile(times, 50), p99Ms: percentile(times, 99) };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function printEvaluation(r: EvaluationResult): void {
  print(
    `rule evaluation: ${r.series.toLocaleString('en')} series × ${r.rules} rules per sample, ${r.samples} samples`,
  );
  const verdict = (ms: number) => (ms < 50 ? 'met' : 'NOT met');
  print(
    `  in memory (series, rules, states, silences, inhibition): median ${r.medianMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`,
  );
  print(`  target < 50 ms per sample: median ${verdict(r.medianMs)}, p99 ${verdict(r.p99Ms)}`);
  print(
    `  with the changed state stored on PGlite: median ${r.withStore.medianMs.toFixed(1)} ms, p99 ${r.withStore.p99Ms.toFixed(1)} ms (${r.activeAlerts.toLocaleString('en')} active alerts)`,
  );
}

async function main(): Promise<void> {
  printEvaluation(await benchEvaluation(arg('samples', 200)));
  printLatency(await benchNotificationLatency(arg('trials', 3)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
