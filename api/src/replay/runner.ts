import {
  isTransientKafkaError,
  ReplayControl,
  type DlqKafka,
  type HandledLookup,
  type ReplayCounters,
} from '@eventscope/collectors';
import type { ReplayStatus } from '@eventscope/shared';
import type { Logger } from '../logging';
import { auditRepository, type Db, type Store } from '../store';
import { writeSpans } from '../traces';
import type { HandledIndex } from './handled-cache';
import { RateWindow } from './rate';
import { handledMarks, recordBatch, setStatus, type ReplayRow } from './repository';
import { replaySpans } from './spans';
import { selectionSummary } from './view';

/**
 * Runs replays in this process: one engine per replay, its batches written to the store as
 * they commit (handled records, positions, totals, "replayed" spans), its end recorded and
 * audited. Kafka decides progress; a crash between a commit and the store write is repaired on
 * the next start by the engine handing the gap back.
 */

export interface RunnerDeps {
  store: Pick<Store, 'db' | 'audit'>;
  kafkaFor(cluster: string): DlqKafka | undefined;
  handled: HandledIndex;
  logger: Logger;
  /** Something changed (progress, status): publish, throttled by the caller. */
  onChange(): void;
}

interface Running {
  control: ReplayControl;
  rate: RateWindow;
  selected: number | null;
  done: Promise<void>;
}

const STOP_TIMEOUT_MS = 15_000;
/** Starts of an engine after transient Kafka failures before the replay counts as failed. */
const MAX_ATTEMPTS = 12;

export function handledLookup(db: Db, cluster: string, topic: string): HandledLookup {
  return async (records) => {
    const marks = await handledMarks(db, { cluster, topic }, records);
    return new Set(marks.keys());
  };
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export class ReplayRunners {
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(private readonly deps: RunnerDeps) {}

  has(id: string): boolean {
    return this.running.has(id);
  }

  control(id: string): ReplayControl | undefined {
    return this.running.get(id)?.control;
  }

  live(id: string): { rate: number | null; etaSeconds: number | null } | null {
    const r = this.running.get(id);
    if (!r) return null;
    const rate = r.rate.rate();
    return { rate: rate === null ? null : Math.round(rate), etaSeconds: r.rate.eta(r.selected) };
  }

  /** Resolves when the replay's engine has ended here (at once when none runs). */
  whenDone(id: string, timeoutMs: number): Promise<void> {
    const done = this.running.get(id)?.done ?? Promise.resolve();
    return Promise.race([
      done,
      new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** Starts (or resumes) a replay stored as running or paused. */
  start(row: ReplayRow): void {
    if (this.stopping || this.running.has(row.id)) return;
    const control = new ReplayControl(row.status === 'paused' ? 'paused' : 'running');
    const rate = new RateWindow();
    rate.add(Date.now(), row.progress.matched);
    const entry: Running = { control, rate, selected: row.selected, done: Promise.resolve() };
    this.running.set(row.id, entry);
    entry.done = this.run(row, entry).finally(() => {
      this.running.delete(row.id);
      this.deps.onChange();
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    const all = [...this.running.values()];
    for (const r of all) r.control.stop();
    await Promise.race([
      Promise.allSettled(all.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref()),
    ]);
  }

  private async run(row: ReplayRow, entry: Running): Promise<void> {
    const { store, logger } = this.deps;
    const log = logger.child({ replay: row.id, cluster: row.cluster, dlq: row.dlq });
    const kafka = this.deps.kafkaFor(row.cluster);
    if (!kafka) {
      await this.finish(row, 'failed', row.progress, `cluster "${row.cluster}" is not configured`);
      return;
    }
    let last: ReplayCounters = row.progress;
    // Positions this store has recorded, kept current so a restarted engine (after a transient
    // failure) hands back only the gap of its own last batch.
    const recorded = new Map(Object.entries(row.positions).map(([p, o]) => [Number(p), o]));
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await kafka.replay({
          replayId: row.id,
          dlqTopic: row.dlq,
          ranges: row.ranges,
          selection: row.selection,
          target: row.target,
          maxReplayCount: row.maxReplayCount,
          ratePerSecond: row.ratePerSecond,
          recorded,
          isHandled: handledLookup(store.db, row.cluster, row.dlq),
          control: entry.control,
          onBatch: async (batch) => {
            await store.db.transaction(async (tx) => {
              await recordBatch(tx, row, batch);
              const spans = replaySpans(row, batch);
              if (spans.length > 0) await writeSpans(tx, spans);
            });
            for (const [p, o] of batch.positions) recorded.set(p, o);
            this.deps.handled.add(
              row.cluster,
              row.dlq,
              batch.records.filter((r) => r.decision.kind === 'replay'),
            );
            last = batch.totals;
            entry.rate.add(Date.now(), batch.totals.matched);
            this.deps.onChange();
          },
        });
        if (result.outcome === 'completed' || result.outcome === 'cancelled')
          await this.finish(row, result.outcome, result.totals, null);
        // stopped (shutting down) or fenced (another process runs it): it stays as it is.
        return;
      } catch (error) {
        const state = entry.control.state;
        if (state === 'stopped') {
          log.warn({ err: message(error) }, 'replay interrupted by shutdown; it resumes on start');
          return;
        }
        if (state !== 'cancelled' && isTransientKafkaError(error) && attempt < MAX_ATTEMPTS) {
          // Kafka is unreachable for now: start again later from what it committed.
          const waitMs = Math.min(30_000, 500 * 2 ** attempt);
          log.warn({ err: message(error), attempt, waitMs }, 'replay interrupted; retrying');
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
            entry.control.changed(),
          ]);
          clearTimeout(timer);
          if (entry.control.state === 'stopped') return;
          if (entry.control.state === 'cancelled') {
            await this.finish(row, 'cancelled', last, null);
            return;
          }
          continue;
        }
        if (state === 'cancelled') {
          await this.finish(row, 'cancelled', last, null);
          return;
        }
        log.warn({ err: message(error) }, 'replay failed');
        const failed =
          typeof error === 'object' && error !== null && 'records' in error
            ? Number(error.records)
            : 0;
        await this.finish(row, 'failed', { ...last, failed } as ReplayCounters, message(error));
        return;
      }
    }
  }

  /** Records the end and its audit entry, then drops the replay's progress group in Kafka. */
  private async finish(
    row: ReplayRow,
    status: Extract<ReplayStatus, 'completed' | 'cancelled' | 'failed'>,
    progress: ReplayCounters,
    error: string | null,
  ): Promise<void> {
    const { store, logger } = this.deps;
    try {
      // One transaction: a replay is never finished without its audit entry.
      await store.db.transaction(async (tx) => {
        await setStatus(tx, row.id, status, { progress, error, finished: true });
        await auditRepository(tx).appendAudit({
          actor: row.createdBy,
          action: 'replay.finish',
          target: `${row.cluster}/${row.dlq}`,
          // The audit log knows success, failure and denied; how it ended is in the details.
          outcome: status === 'failed' ? 'failure' : 'success',
          details: {
            id: row.id,
            status,
            selection: selectionSummary(row.selection),
            target: row.target,
            selected: row.selected,
            replayed: progress.replayed,
            skipped: progress.skipped,
            counts: progress.counts,
            ...(error ? { reason: error } : {}),
          },
        });
      });
    } catch (e) {
      // The store is down: the replay stays "running" and is finished again on the next start.
      logger.warn({ err: message(e), replay: row.id }, 'could not record the end of a replay');
      return;
    }
    await this.deps
      .kafkaFor(row.cluster)
      ?.forgetReplay(row.id)
      .catch(() => undefined);
  }
}
