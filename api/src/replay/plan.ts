import {
  TargetMissingError,
  type DlqKafka,
  type PartitionRange,
  type ScanResult,
} from '@eventscope/collectors';
import type { ReplayRequest } from '@eventscope/shared';
import { ConflictError } from '../domain/errors';
import type { Db } from '../store';
import { onKafka } from './dlq-access';
import { handledLookup } from './runner';

export interface ReplayPlan {
  /** The selection's ranges in the log as it is now; a replay never reads past them. */
  ranges: PartitionRange[];
  scan: ScanResult;
}

/**
 * What a replay would do, read once before anything is produced or committed: its ranges, the
 * counts per target topic and the skips, a few samples. Every target topic must exist (409
 * with the reason otherwise): a chosen target is checked before reading, origin topics after.
 */
export async function planReplay(
  deps: { db: Db; scanTimeoutMs: number },
  kafka: DlqKafka,
  cluster: string,
  topic: string,
  request: ReplayRequest,
): Promise<ReplayPlan> {
  const target = request.target ?? null;
  const ranges = await onKafka(cluster, 'reading offsets', () =>
    kafka.rangesFor(topic, request.selection),
  );
  const check = async (topics: string[]) => {
    const missing = await onKafka(cluster, 'listing topics', () => kafka.missingTopics(topics));
    if (missing.length > 0)
      throw new ConflictError(new TargetMissingError(missing).message, {
        missingTopics: missing,
      });
  };
  if (target) await check([target]);
  const scan = await onKafka(cluster, 'reading the DLQ', () =>
    kafka.scan({
      dlqTopic: topic,
      ranges,
      selection: request.selection,
      target,
      maxReplayCount: request.maxReplayCount,
      isHandled: handledLookup(deps.db, cluster, topic),
      timeoutMs: deps.scanTimeoutMs,
    }),
  );
  if (!target) await check(scan.targets);
  return { ranges, scan };
}
