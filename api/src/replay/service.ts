import { randomBytes } from 'node:crypto';
import { emptyCounters, rangeSize, type DlqKafka } from '@eventscope/collectors';
import type {
  ClusterConfig,
  DiscardResult,
  DlqMessagePage,
  DlqMessagesQuery,
  Replay,
  ReplayDryRun,
  ReplayListQuerySchema,
  ReplayRequest,
} from '@eventscope/shared';
import type { z } from 'zod';
import { audited, type AuditContext } from '../domain/audit';
import { actorLabel, authorize, type Actor } from '../domain/auth/principal';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { EventBus } from '../domain/events';
import type { LatestSnapshots } from '../domain/lag/latest';
import type { Masker } from '../domain/masking';
import type { Logger } from '../logging';
import type { Store } from '../store';
import { browseDeadLetters } from './browse';
import { discardDeadLetters, type DiscardRequest } from './discard';
import { createDlqAccess } from './dlq-access';
import { HandledIndex } from './handled-cache';
import { planReplay } from './plan';
import {
  ACTIVE_STATUSES,
  activeReplays,
  getReplay,
  handledRuns,
  insertReplay,
  listReplays,
  transition,
  type ReplayRow,
} from './repository';
import { ReplayRunners } from './runner';
import { selectionSummary, toReplay } from './view';

/**
 * DLQ browse, replay and discard: the domain actions the routes call (each checks the role it
 * needs), and the replays running in this process. Kafka is reached through
 * @eventscope/collectors only; every replay and discard is audited.
 */

export type { DiscardRequest };
export type ReplayListQuery = z.infer<typeof ReplayListQuerySchema>;

export interface ReplayServiceOptions {
  store: Store;
  clusters: readonly ClusterConfig[];
  logger: Logger;
  events: EventBus;
  masker: Masker;
  /** DLQs the samplers found (by headers too); names following the conventions are always DLQs. */
  latest?: LatestSnapshots;
  /** Records per second one replay may go at most (EVENTSCOPE_REPLAY_MAX_RATE). */
  maxRate: number;
  /** Replays running or paused at once per cluster (default 4). */
  maxActivePerCluster?: number;
  /** Bound on reading a selection for a dry run or a plan (default 60 s). */
  scanTimeoutMs?: number;
  /** For tests: how a cluster's client is made. */
  kafkaFor?: (cluster: ClusterConfig) => DlqKafka;
}

export interface ReplayService {
  browse(
    actor: Actor,
    cluster: string,
    topic: string,
    query: DlqMessagesQuery,
  ): Promise<DlqMessagePage>;
  /** A dry run answers the counts; a real run is stored, started, and answers its id. */
  create(
    ctx: AuditContext,
    cluster: string,
    topic: string,
    request: ReplayRequest,
  ): Promise<ReplayDryRun | { id: string }>;
  get(actor: Actor, id: string): Promise<Replay>;
  list(actor: Actor, query: ReplayListQuery): Promise<Replay[]>;
  cancel(ctx: AuditContext, id: string): Promise<Replay>;
  pause(ctx: AuditContext, id: string): Promise<Replay>;
  resume(ctx: AuditContext, id: string): Promise<Replay>;
  discard(
    ctx: AuditContext,
    cluster: string,
    topic: string,
    request: DiscardRequest,
  ): Promise<DiscardResult>;
  /**
   * Dead letters of a DLQ already replayed or discarded (what DLQ depth subtracts); with the
   * partitions' log offsets, only those the log still holds.
   */
  handledCount(
    cluster: string,
    topic: string,
    log?: ReadonlyMap<number, { start: string; end: string }>,
  ): number;
  /** The first offset at or after `start` not replayed or discarded (the oldest waiting). */
  firstUnhandled(cluster: string, topic: string, partition: number, start: string): string;
  /** Loads handled counts and resumes the replays that were running or paused. */
  start(): Promise<void>;
  /** Stops the engines after their current batch; they resume on the next start. */
  stop(): Promise<void>;
}

const newId = (): string => `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
const CANCEL_WAIT_MS = 15_000;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

function throttle(fn: () => void, ms: number): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  return () => {
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn();
    } else
      timer ??= setTimeout(() => {
        timer = undefined;
        last = Date.now();
        fn();
      }, wait).unref();
  };
}

export function createReplayService(opts: ReplayServiceOptions): ReplayService {
  const { store } = opts;
  const db = store.db;
  const logger = opts.logger.child({ component: 'replays' });
  const maxActive = opts.maxActivePerCluster ?? 4;
  const scanTimeoutMs = opts.scanTimeoutMs ?? 60_000;
  const access = createDlqAccess(opts);
  const handled = new HandledIndex();
  const publish = throttle(
    () => opts.events.publish({ type: 'replay', keys: [['replays'], ['dlqs']] }),
    500,
  );
  const runners = new ReplayRunners({
    store,
    kafkaFor: (cluster) => access.kafka(cluster),
    handled,
    logger,
    onChange: publish,
  });
  async function requireReplay(id: string): Promise<ReplayRow> {
    const row = await getReplay(db, id);
    if (!row) throw new NotFoundError(`replay "${id}"`);
    return row;
  }

  async function dryRun(
    cluster: string,
    topic: string,
    request: ReplayRequest,
  ): Promise<ReplayDryRun> {
    const kafka = await access.requireDlq(cluster, topic);
    const { scan } = await planReplay({ db, scanTimeoutMs }, kafka, cluster, topic, request);
    return {
      dryRun: true,
      selected: scan.counters.matched,
      counts: scan.counters.counts,
      skipped: scan.counters.skipped,
      samples: scan.samples.map((r) => access.render(r)),
    };
  }

  async function guardActive(cluster: string, topic: string, what: string): Promise<void> {
    const active = await activeReplays(db, cluster);
    const same = active.find((r) => r.dlq === topic);
    if (same)
      throw new ConflictError(
        `a replay of ${topic} is ${same.status} (${same.id}); cancel it or let it finish before ${what}`,
        { replayId: same.id },
      );
    if (what === 'starting another' && active.length >= maxActive)
      throw new ConflictError(
        `cluster "${cluster}" has ${active.length} replays running or paused, the most allowed at once; wait for one to finish`,
      );
  }

  async function view(id: string): Promise<Replay> {
    return toReplay(await requireReplay(id), runners.live(id));
  }

  return {
    browse(actor, cluster, topic, query) {
      authorize(actor, 'viewer');
      return browseDeadLetters({ db, access }, cluster, topic, query);
    },

    async create(ctx, cluster, topic, request) {
      const principal = authorize(ctx.actor, 'operator');
      if (request.dryRun) return dryRun(cluster, topic, request);
      const ratePerSecond = Math.min(request.ratePerSecond ?? opts.maxRate, opts.maxRate);
      const details: Record<string, unknown> = {
        selection: selectionSummary(request.selection),
        target: request.target ?? null,
        ratePerSecond,
        maxReplayCount: request.maxReplayCount,
      };
      return audited(
        store,
        ctx,
        { action: 'replay.create', target: `${cluster}/${topic}`, details },
        async () => {
          const kafka: DlqKafka = await access.requireDlq(cluster, topic);
          await guardActive(cluster, topic, 'starting another');
          const { ranges, scan } = await planReplay(
            { db, scanTimeoutMs },
            kafka,
            cluster,
            topic,
            request,
          );
          const id = newId();
          // Nothing selected: a replay with zero counts, finished at once.
          const nothing = scan.counters.matched === 0;
          Object.assign(details, {
            id,
            selected: scan.counters.matched,
            counts: scan.counters.counts,
          });
          let row: ReplayRow;
          try {
            row = await insertReplay(db, {
              id,
              cluster,
              dlq: topic,
              status: nothing ? 'completed' : 'running',
              selection: request.selection,
              target: request.target ?? null,
              ratePerSecond,
              maxReplayCount: request.maxReplayCount,
              ranges,
              selected: scan.counters.matched,
              rangeSize: rangeSize(ranges),
              progress: nothing ? scan.counters : emptyCounters(),
              createdBy: actorLabel(principal),
              finished: nothing,
            });
          } catch (error) {
            if (isUniqueViolation(error))
              throw new ConflictError(`a replay of ${topic} is already running`);
            throw error;
          }
          if (!nothing) runners.start(row);
          publish();
          return { id };
        },
      );
    },

    async get(actor, id) {
      authorize(actor, 'viewer');
      return view(id);
    },

    async list(actor, query) {
      authorize(actor, 'viewer');
      const rows = await listReplays(db, {
        limit: query.limit,
        ...(query.cluster !== undefined ? { cluster: query.cluster } : {}),
        ...(query.dlq !== undefined ? { dlq: query.dlq } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
      });
      return rows.map((r) => toReplay(r, runners.live(r.id)));
    },

    cancel(ctx, id) {
      return audited(store, ctx, { action: 'replay.cancel', target: id }, async () => {
        authorize(ctx.actor, 'operator');
        const row = await requireReplay(id);
        if (!ACTIVE_STATUSES.includes(row.status))
          throw new ConflictError(`replay ${id} is already ${row.status}`);
        const control = runners.control(id);
        if (control) {
          control.cancel();
          // The engine stops after the batch in flight and records the end itself.
          await runners.whenDone(id, CANCEL_WAIT_MS);
        } else if (await transition(db, id, ACTIVE_STATUSES, 'cancelled', true)) {
          await access
            .kafka(row.cluster)
            ?.forgetReplay(id)
            .catch(() => undefined);
        }
        publish();
        return view(id);
      });
    },

    pause(ctx, id) {
      return audited(store, ctx, { action: 'replay.pause', target: id }, async () => {
        authorize(ctx.actor, 'operator');
        const row = await requireReplay(id);
        if (!(await transition(db, id, ['running', 'pending'], 'paused')))
          throw new ConflictError(`replay ${id} is ${row.status}; only a running replay can pause`);
        runners.control(id)?.pause();
        publish();
        return view(id);
      });
    },

    resume(ctx, id) {
      return audited(store, ctx, { action: 'replay.resume', target: id }, async () => {
        authorize(ctx.actor, 'operator');
        const row = await requireReplay(id);
        const resumed = await transition(db, id, ['paused'], 'running');
        if (!resumed)
          throw new ConflictError(`replay ${id} is ${row.status}; only a paused replay can resume`);
        const control = runners.control(id);
        if (control) control.resume();
        else runners.start(resumed);
        publish();
        return view(id);
      });
    },

    async discard(ctx, cluster, topic, request) {
      const principal = authorize(ctx.actor, 'operator');
      const details: Record<string, unknown> = {
        selection: selectionSummary(request.selection),
        ...(request.comment ? { comment: request.comment } : {}),
      };
      const deps = { db, access, handled, scanTimeoutMs };
      const by = actorLabel(principal);
      if (request.dryRun) return discardDeadLetters(deps, by, cluster, topic, request);
      return audited(
        store,
        ctx,
        { action: 'dlq.discard', target: `${cluster}/${topic}`, details },
        async () => {
          // Not while a replay of the DLQ runs: the two would race for the same records.
          await guardActive(cluster, topic, 'discarding');
          const result = await discardDeadLetters(deps, by, cluster, topic, request);
          Object.assign(details, {
            discarded: result.discarded,
            alreadyHandled: result.alreadyHandled,
          });
          publish();
          return result;
        },
      );
    },

    handledCount: (cluster, topic, log) => handled.count(cluster, topic, log),
    firstUnhandled: (cluster, topic, partition, start) =>
      handled.firstUnhandled(cluster, topic, partition, start),

    async start() {
      handled.load(await handledRuns(db));
      for (const row of await activeReplays(db)) {
        if (!access.kafka(row.cluster)) {
          logger.warn(
            { replay: row.id, cluster: row.cluster },
            'replay of an unconfigured cluster left as it is',
          );
          continue;
        }
        runners.start(row.status === 'pending' ? { ...row, status: 'running' } : row);
      }
    },

    async stop() {
      await runners.stopAll();
      await access.close();
    },
  };
}
