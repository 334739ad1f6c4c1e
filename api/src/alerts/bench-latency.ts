/**
 * bench:alerts section 2 — time from stopping a consumer (traffic flowing) to the webhook
 * arriving, on a real broker, through the real sampler → alert engine → notification center
 * → HTTP receiver, for the rule `lagSeconds > 10 for 10 s` at a 5 s sample interval and the
 * default notifier timing (group_wait 5 s). Target: ≤ threshold crossing + for + group_wait
 * + 2 sample intervals. Printed beside it: the same rule through the default exporter →
 * Prometheus → Alertmanager timings (computed, not run here).
 */
import { NotifierCreatedSchema } from '@eventscope/shared';
import { createSampler, silentLogger, type Sampler } from '@eventscope/collectors';
import { startConsumer, startTraffic } from '@eventscope/collectors/testing';
import { createTestKafka, startKafka, uniqueName, type LocalKafka } from '@eventscope/tools/kafka';
import { startTestReceiver } from '../notify/test-receiver';
import { startTestApp, type TestApp } from '../testing/app';

const print = (line: string) => process.stdout.write(`${line}\n`);

const INTERVAL_S = 5;
const THRESHOLD_S = 10;
const FOR_S = 10;
const GROUP_WAIT_S = 5;

export interface LatencyResult {
  /** Seconds from the consumer's stop to the signed webhook's arrival, per trial. */
  trials: number[];
  /** crossing + for + group_wait + 2 intervals. */
  targetS: number;
}

async function call(app: TestApp, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function oneTrial(
  kafka: ReturnType<typeof createTestKafka>,
  app: TestApp,
  clusterId: string,
): Promise<number> {
  const receiver = await startTestReceiver();
  const topic = uniqueName('bench-alerts');
  const group = uniqueName('bench-alerts-group');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  await call(app, '/notifiers', {
    name: `bench ${group}`,
    type: 'webhook',
    url: receiver.url,
    matchers: [{ label: 'group', op: '=', value: group }],
    groupWaitSeconds: GROUP_WAIT_S,
  }).then((n) => NotifierCreatedSchema.parse(n));
  await call(app, '/alert-rules', {
    name: `LagHigh ${group}`,
    metric: 'lagSeconds',
    matchers: { cluster: clusterId, group },
    op: '>',
    threshold: THRESHOLD_S,
    forSeconds: FOR_S,
    severity: 'critical',
  });
  const traffic = await startTraffic(kafka, topic);
  const consumer = await startConsumer(kafka, group, topic);
  try {
    // Two samples of the group keeping up before it stops.
    await new Promise((resolve) => setTimeout(resolve, 2.5 * INTERVAL_S * 1000));
    await consumer.disconnect();
    const stoppedAt = performance.now();
    await receiver.waitFor(1, 180_000);
    return (performance.now() - stoppedAt) / 1000;
  } finally {
    await traffic.stop();
    await consumer.disconnect();
    await receiver.close();
  }
}

export async function benchNotificationLatency(trials = 3): Promise<LatencyResult> {
  let broker: LocalKafka | undefined;
  let app: TestApp | undefined;
  let sampler: Sampler | undefined;
  try {
    broker = await startKafka();
    const kafka = createTestKafka(broker.brokers);
    app = await startTestApp({ sampleIntervalMs: INTERVAL_S * 1000 }, undefined, {
      alerts: { seedDefaults: false },
    });
    const running = app;
    const clusterId = 'bench';
    sampler = createSampler(
      {
        id: clusterId,
        brokers: broker.brokers,
        clientId: 'bench-alerts-sampler',
        ssl: false,
        sslRejectUnauthorized: true,
        requestTimeoutMs: 3000,
      },
      {
        intervalMs: INTERVAL_S * 1000,
        logger: silentLogger,
        onSnapshot: (snapshot) => running.deps.recorder.record(snapshot),
      },
    );
    sampler.start();
    const results: number[] = [];
    for (let i = 0; i < trials; i++) results.push(await oneTrial(kafka, running, clusterId));
    return { trials: results, targetS: THRESHOLD_S + FOR_S + GROUP_WAIT_S + 2 * INTERVAL_S };
  } finally {
    await sampler?.stop();
    await app?.close();
    await broker?.stop();
  }
}

/**
 * The reference stack with its default timings: exporter scraped every 60 s, rules evaluated
 * every 60 s, Alertmanager group_wait 30 s. After the crossing, a scrape must see it (0–60 s),
 * an evaluation must see that scrape (0–60 s) and start `for`; `for` ends at an evaluation
 * (rounded up to 60 s), then group_wait. Typical = the average waits.
 */
export function prometheusReference(): { best: number; typical: number; worst: number } {
  const scrape = 60;
  const evaluation = 60;
  const groupWait = 30;
  const forRounded = Math.ceil(FOR_S / evaluation) * evaluation;
  const base = THRESHOLD_S + forRounded + groupWait;
  return {
    best: base,
    typical: base + scrape / 2 + evaluation / 2,
    worst: base + scrape + evaluation,
  };
}

export function printLatency(r: LatencyResult): void {
  const sorted = [...r.trials].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const worst = sorted[sorted.length - 1] ?? Number.NaN;
  const ref = prometheusReference();
  print(
    `notification latency (consumer stopped → signed webhook received; lagSeconds > ${THRESHOLD_S} for ${FOR_S} s, ${INTERVAL_S} s samples, group_wait ${GROUP_WAIT_S} s):`,
  );
  print(`  trials: ${r.trials.map((t) => `${t.toFixed(1)} s`).join(', ')}`);
  print(
    `  median ${median.toFixed(1)} s, worst ${worst.toFixed(1)} s; target ≤ ${r.targetS} s (crossing ${THRESHOLD_S} + for ${FOR_S} + group_wait ${GROUP_WAIT_S} + 2 × ${INTERVAL_S} s): ${worst <= r.targetS ? 'met' : 'MISSED'}`,
  );
  print(
    `  reference, exporter → Prometheus (scrape 60 s, evaluation 60 s) → Alertmanager (group_wait 30 s), computed: best ${ref.best} s, typical ${ref.typical} s, worst ${ref.worst} s → eventscope median is ${(ref.typical / median).toFixed(1)}× faster than typical`,
  );
}
