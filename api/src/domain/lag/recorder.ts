import type { ClusterSnapshot } from '@eventscope/shared';
import type { Logger } from '../../logging';
import type { Store } from '../../store';
import type { EventBus } from '../events';
import type { LatestSnapshots } from './latest';

export interface SnapshotRecorder {
  record(snapshot: ClusterSnapshot): Promise<void>;
  /** Rolls up finished minutes and prunes past retention; run every minute. */
  maintain(now?: Date): Promise<void>;
  start(): void;
  stop(): void;
}

/**
 * Takes each snapshot from the samplers: the newest goes to memory for current views, every
 * one to the store for history, and the SPA is told which views changed. A store failure is
 * logged and the snapshot still serves current views: history has a gap, nothing crashes.
 */
export function createSnapshotRecorder(deps: {
  store: Pick<Store, 'samples'>;
  latest: LatestSnapshots;
  events: EventBus;
  logger: Logger;
  retention: { rawHours: number; rollupDays: number };
  /** Runs after each snapshot is stored: the alert engine evaluates its rules on it. */
  onRecorded?: (snapshot: ClusterSnapshot) => Promise<void> | void;
}): SnapshotRecorder {
  let timer: NodeJS.Timeout | undefined;
  let rolledUntil: Date | undefined;
  return {
    async record(snapshot) {
      deps.latest.set(snapshot);
      try {
        await deps.store.samples.insertSnapshot(snapshot);
      } catch (error) {
        deps.logger.warn(
          {
            err: error instanceof Error ? error.message : String(error),
            cluster: snapshot.cluster,
          },
          'could not store a sample',
        );
      }
      try {
        await deps.onRecorded?.(snapshot);
      } catch (error) {
        deps.logger.warn(
          {
            err: error instanceof Error ? error.message : String(error),
            cluster: snapshot.cluster,
          },
          'could not evaluate alert rules on a sample',
        );
      }
      deps.events.publish({
        type: 'snapshot',
        keys: [
          ['clusters'],
          ['consumer-groups', snapshot.cluster],
          ['topics', snapshot.cluster],
          ['dlqs'],
          ['health'],
        ],
      });
    },
    async maintain(now = new Date()) {
      const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      // Re-fold the previous minute too: samples may land a little after it ends.
      const since = rolledUntil
        ? new Date(rolledUntil.getTime() - 60_000)
        : new Date(minute.getTime() - deps.retention.rawHours * 3600_000);
      try {
        await deps.store.samples.rollUp(since, minute);
        rolledUntil = minute;
        await deps.store.samples.prune(
          new Date(now.getTime() - deps.retention.rawHours * 3600_000),
          new Date(now.getTime() - deps.retention.rollupDays * 86_400_000),
        );
      } catch (error) {
        deps.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'history maintenance failed; retrying next minute',
        );
      }
    },
    start() {
      timer ??= setInterval(() => void this.maintain(), 60_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
