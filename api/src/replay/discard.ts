import type { DiscardRequestSchema, DiscardResult } from '@eventscope/shared';
import type { z } from 'zod';
import type { Db } from '../store';
import { onKafka, type DlqAccess } from './dlq-access';
import type { HandledIndex } from './handled-cache';
import { markHandled } from './repository';
import { handledLookup } from './runner';

export type DiscardRequest = z.infer<typeof DiscardRequestSchema>;

/**
 * Marks the dead letters of a selection handled without replaying them (a dry run only counts
 * them): the records are read so that only real records are marked, never markers or gaps.
 */
export async function discardDeadLetters(
  deps: { db: Db; access: DlqAccess; handled: HandledIndex; scanTimeoutMs: number },
  by: string,
  cluster: string,
  topic: string,
  request: DiscardRequest,
): Promise<DiscardResult> {
  const kafka = await deps.access.requireDlq(cluster, topic);
  const ranges = await onKafka(cluster, 'reading offsets', () =>
    kafka.rangesFor(topic, request.selection),
  );
  let discarded = 0;
  let alreadyHandled = 0;
  await onKafka(cluster, 'reading the DLQ', () =>
    kafka.scan({
      dlqTopic: topic,
      ranges,
      selection: request.selection,
      target: null,
      // No loop guard for a discard: every matched record counts.
      maxReplayCount: Number.MAX_SAFE_INTEGER,
      isHandled: handledLookup(deps.db, cluster, topic),
      timeoutMs: deps.scanTimeoutMs,
      samples: 0,
      onMatched: async (decided) => {
        const fresh = decided.filter(
          (d) => !(d.decision.kind === 'skip' && d.decision.reason === 'handled'),
        );
        alreadyHandled += decided.length - fresh.length;
        if (request.dryRun) {
          discarded += fresh.length;
          return;
        }
        const records = fresh.map((d) => d.record);
        const n = await markHandled(deps.db, { cluster, topic }, records, {
          kind: 'discarded',
          replayId: null,
          by,
        });
        discarded += n;
        alreadyHandled += fresh.length - n;
        deps.handled.add(cluster, topic, records);
      },
    }),
  );
  return { dryRun: request.dryRun, discarded, alreadyHandled };
}
