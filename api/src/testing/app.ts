import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino, type DestinationStream } from 'pino';
import { scratchDirs } from '@eventscope/tools/scratch';
import { createLogger } from '../logging';
import type { Role } from '@eventscope/shared';
import { ensureAdminAccess } from '../domain/auth/bootstrap';
import { createToken } from '../domain/auth/tokens';
import { createEventBus } from '../domain/events';
import { createMasker } from '../domain/masking';
import { defaultMaskingConfig } from '@eventscope/shared';
import { createLatestSnapshots } from '../domain/lag/latest';
import { createSnapshotRecorder } from '../domain/lag/recorder';
import { answerClientErrors } from '../http/client-errors';
import { createServer, type ServerDeps } from '../http/server';
import { createPreparePool } from '../otlp/prepare-pool';
import { openStore, type Store } from '../store';
import { createNotificationCenter, type NotificationCenterOptions } from '../notify';
import type { NotificationCenter } from '../notify/types';
import { createAlertEngine, type AlertEngineOptions } from '../alerts/engine';
import { createReplayService, type ReplayServiceOptions } from '../replay';
import { createSpanIngest, type SpanIngest } from '../traces';

export const adminToken = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  url: string;
  store: Store;
  deps: ServerDeps;
  tokens: Record<Role, string>;
  /** Where the app stores OTLP and hop spans. */
  spans: SpanIngest;
  close(): Promise<void>;
}

/** A real api on PGlite, listening on 127.0.0.1, with one token per role. */
export async function startTestApp(
  overrides: Partial<ServerDeps> = {},
  logDestination?: DestinationStream,
  options: {
    notify?: Partial<Omit<NotificationCenterOptions, 'db' | 'logger' | 'events'>>;
    /** The alert engine's notification center (default: the app's) and its knobs. */
    alerts?: { notifications?: NotificationCenter } & Partial<
      Pick<AlertEngineOptions, 'seedDefaults' | 'missingResolveMs' | 'reloadEveryMs'>
    >;
    /** Kafka clusters the replay service reaches (default none) and its limits. */
    replays?: Partial<Omit<ReplayServiceOptions, 'store' | 'logger' | 'events'>>;
  } = {},
): Promise<TestApp> {
  const scratch = scratchDirs();
  const store = await openStore({ dataDir: scratch.make('es-app-') });
  await ensureAdminAccess(store.auth, adminToken);
  const admin = { kind: 'token', id: 'seed', name: 'seed', role: 'admin' } as const;
  const viewer = await createToken(store.auth, admin, { name: 'viewer', role: 'viewer' });
  const operator = await createToken(store.auth, admin, { name: 'operator', role: 'operator' });
  const logger = logDestination
    ? createLogger({ logLevel: 'debug' }, logDestination)
    : pino({ level: 'silent' });
  const events = createEventBus();
  const latest = createLatestSnapshots();
  const recorder = createSnapshotRecorder({
    store,
    latest,
    events,
    logger,
    retention: { rawHours: 6, rollupDays: 7 },
    onRecorded: (snapshot) => deps.alerts.evaluate(snapshot),
  });
  // Fast timers and backoff so delivery tests do not wait for production intervals.
  const notifications = createNotificationCenter({
    db: store.db,
    logger,
    events,
    publicUrl: 'http://eventscope.test',
    version: 'test',
    tickMs: 200,
    pollMs: 200,
    timeoutMs: 5000,
    backoff: { baseMs: 200, capMs: 2000 },
    ...options.notify,
  });
  const { notifications: alertNotifications, ...alertOptions } = options.alerts ?? {};
  const alerts = createAlertEngine({
    db: store.db,
    notifications: alertNotifications ?? overrides.notifications ?? notifications,
    events,
    logger,
    sampleIntervalMs: overrides.sampleIntervalMs ?? 5000,
    ...alertOptions,
  });
  const replays = createReplayService({
    store,
    logger,
    events,
    latest: overrides.latest ?? latest,
    masker: overrides.masker ?? createMasker(defaultMaskingConfig),
    clusters: [],
    maxRate: 100_000,
    ...options.replays,
  });
  // OTLP bodies are decoded on a thread, as in production.
  const otlpPreparer = createPreparePool(1);
  const deps: ServerDeps = {
    logger,
    events,
    store,
    spans: createSpanIngest(store.db),
    otlpPreparer,
    latest,
    recorder,
    retention: { rawHours: 6 },
    sampleIntervalMs: 5000,
    demo: {},
    masker: createMasker(defaultMaskingConfig),
    clusters: [],
    version: 'test',
    startedAt: new Date(),
    webDir: '/nonexistent',
    notifications,
    alerts,
    replays,
    ...overrides,
  };
  deps.notifications.start();
  await deps.alerts.start();
  await deps.replays.start();
  const server: Server = createServer(deps).listen(0, '127.0.0.1');
  answerClientErrors(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    deps,
    spans: deps.spans,
    tokens: { viewer: viewer.token, operator: operator.token, admin: adminToken },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await deps.alerts.stop();
      await deps.notifications.stop();
      await deps.replays.stop();
      await otlpPreparer.close();
      await store.close();
      await scratch.remove();
    },
  };
}
