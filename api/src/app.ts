import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  createClusterProbe,
  createSampler,
  type ClusterProbe,
  type Sampler,
} from '@eventscope/collectors';
import type { AppConfig } from '@eventscope/shared';
import { redactUrl } from '@eventscope/shared';
import { ensureAdminAccess } from './domain/auth/bootstrap';
import type { DemoHolder } from './domain/demo';
import { createEventBus, type EventBus } from './domain/events';
import { createMasker } from './domain/masking';
import { createLatestSnapshots, type LatestSnapshots } from './domain/lag/latest';
import { createSnapshotRecorder, type SnapshotRecorder } from './domain/lag/recorder';
import { answerClientErrors } from './http/client-errors';
import { createServer } from './http/server';
import { createLogger, type Logger } from './logging';
import { createNotificationCenter, type Notifications } from './notify';
import { createAlertEngine, type AlertEngine } from './alerts/engine';
import { createReplayService, type ReplayService } from './replay';
import { openStore, type Store } from './store';
import { createPreparePool, defaultPrepareThreads } from './otlp/prepare-pool';
import { createSpanIngest, ingestHopSpans, type SpanIngest } from './traces';

/** A start-up failure the user can fix; its message is one line naming the setting. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningApp {
  url: string;
  /** Set on a fresh install without EVENTSCOPE_ADMIN_TOKEN (also logged once). */
  bootstrapToken?: string;
  port: number;
  logger: Logger;
  store: Store;
  events: EventBus;
  latest: LatestSnapshots;
  recorder: SnapshotRecorder;
  /** Set by the launcher once the demo workload runs. */
  demo: DemoHolder;
  probes: ClusterProbe[];
  /** DLQ replays running in this process (resumed at start). */
  replays: ReplayService;
  /** Notifiers and the notification outbox; the alert engine calls its onAlerts. */
  notifications: Notifications;
  /** The alert rule engine, evaluating each recorded snapshot. */
  alerts: AlertEngine;
  /** Where OTLP and hop spans are stored. */
  spans: SpanIngest;
  stop(): Promise<void>;
}

/** The tap reads every new record of the topics it watches: bounded so big clusters stay cheap. */
const maxTappedTopics = 100;

const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

function readVersion(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  return typeof pkg === 'object' &&
    pkg !== null &&
    'version' in pkg &&
    typeof pkg.version === 'string'
    ? pkg.version
    : 'unknown';
}

async function listen(server: Server, config: AppConfig): Promise<number> {
  server.listen(config.port, config.host);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([e]) => Promise.reject(e)),
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE' ? 'is already in use' : `cannot be bound (${code ?? 'error'})`;
    throw new StartupError(`EVENTSCOPE_PORT ${config.port} on ${config.host} ${reason}`);
  }
  return (server.address() as AddressInfo).port;
}

/** Wires config → store → cluster probes → HTTP, and returns a handle that stops it all. */
export async function startApp(
  config: AppConfig,
  options: { logger?: Logger } = {},
): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config);
  let store: Store;
  try {
    store = await openStore({
      dataDir: config.dataDir,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      onIdleError: (error) =>
        logger.warn({ err: error.message }, 'database connection dropped; the pool replaces it'),
    });
  } catch (error) {
    const where = config.databaseUrl
      ? `DATABASE_URL ${redactUrl(config.databaseUrl)}`
      : `EVENTSCOPE_DATA_DIR ${config.dataDir}`;
    const why = error instanceof Error ? error.message : String(error);
    throw new StartupError(`${where}: cannot open the store (${why})`);
  }
  const { bootstrapToken } = await ensureAdminAccess(store.auth, config.adminToken);
  const events = createEventBus();
  const latest = createLatestSnapshots();
  const demo: DemoHolder = {};
  const recorder = createSnapshotRecorder({
    store,
    latest,
    events,
    logger,
    retention: config.retention,
    onRecorded: (snapshot) => alerts.evaluate(snapshot),
  });
  const probes = config.clusters.map((cluster) =>
    createClusterProbe(cluster, {
      intervalMs: config.sampleIntervalMs,
      logger,
      onChange: () => events.publish({ type: 'cluster-health', keys: [['health'], ['clusters']] }),
    }),
  );
  const masker = createMasker(config.masking);
  // One span writer for OTLP and hop spans, so their writes share statements (group commit).
  const spans = createSpanIngest(store.db);
  const otlpPreparer = createPreparePool(config.otlpThreads ?? defaultPrepareThreads());
  const replays = createReplayService({
    store,
    clusters: config.clusters,
    logger,
    events,
    masker,
    latest,
    maxRate: config.replayMaxRate,
  });
  // One sampler per cluster feeds lag, topics and DLQs; the read-only tap measures event sizes.
  const samplers: Sampler[] = config.clusters.map((cluster) =>
    createSampler(cluster, {
      intervalMs: config.sampleIntervalMs,
      logger: logger.child({ component: 'sampler', cluster: cluster.id }),
      onSnapshot: (snapshot) => recorder.record(snapshot),
      tapTopics: (topics) => topics.slice(0, maxTappedTopics),
      // DLQ depth leaves out dead letters already replayed or discarded.
      handledCount: (topic, log) => replays.handledCount(cluster.id, topic, log),
      firstUnhandled: (topic, partition, start) =>
        replays.firstUnhandled(cluster.id, topic, partition, start),
      // Hop spans (produce, queue wait, DLQ arrival) from the same tapped topics' records.
      onSpans: ingestHopSpans(spans, logger.child({ component: 'hop-spans', cluster: cluster.id })),
    }),
  );
  const version = readVersion();
  const notifications = createNotificationCenter({
    db: store.db,
    logger,
    events,
    publicUrl: config.publicUrl,
    version,
  });
  const alerts = createAlertEngine({
    db: store.db,
    notifications,
    events,
    logger: logger.child({ component: 'alerts' }),
    sampleIntervalMs: config.sampleIntervalMs,
  });
  const app = createServer({
    logger,
    events,
    store,
    clusters: probes,
    version,
    startedAt: new Date(),
    webDir: config.webDir ?? defaultWebDir,
    anonymousRead: config.anonymousRead,
    latest,
    recorder,
    retention: config.retention,
    sampleIntervalMs: config.sampleIntervalMs,
    demo,
    masker,
    replays,
    otlpAnonymous: config.otlpAnonymous,
    spans,
    otlpPreparer,
    notifications,
    alerts,
  });
  const server = createHttpServer(app);
  answerClientErrors(server);
  let port: number;
  try {
    // Alert state is loaded (and the defaults seeded) before the first sample is evaluated.
    await alerts.start();
    port = await listen(server, config);
  } catch (error) {
    await alerts.stop();
    await store.close();
    throw error;
  }
  for (const probe of probes) probe.start();
  // Handled counts are loaded before the first sample; replays cut short by a stop resume.
  await replays.start();
  for (const sampler of samplers) sampler.start();
  recorder.start();
  notifications.start();
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  logger.info(
    { url, store: store.engine, clusters: config.clusters.map((c) => c.id) },
    'eventscope is up',
  );
  if (bootstrapToken) {
    // Deliberately printed once: the only way in on a fresh install without EVENTSCOPE_ADMIN_TOKEN.
    logger.warn(
      `No admin exists yet. One-time bootstrap token: ${bootstrapToken} (sign in with it and create an admin user or token; it stops working once you do, and a restart replaces it)`,
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    ...(bootstrapToken ? { bootstrapToken } : {}),
    port,
    logger,
    store,
    events,
    latest,
    recorder,
    demo,
    probes,
    replays,
    notifications,
    alerts,
    spans,
    stop() {
      stopping ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        recorder.stop();
        await Promise.all(samplers.map((s) => s.stop()));
        await Promise.all(probes.map((p) => p.stop()));
        await replays.stop();
        await alerts.stop();
        await notifications.stop();
        await otlpPreparer.close();
        await store.close();
      })();
      return stopping;
    },
  };
}
