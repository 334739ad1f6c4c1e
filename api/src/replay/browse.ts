import type { DlqMessagePage, DlqMessagesQuery } from '@eventscope/shared';
import type { Db } from '../store';
import { onKafka, type DlqAccess } from './dlq-access';
import { handledMarks } from './repository';
import { handledLookup } from './runner';

/** One page of a DLQ as the browser shows it: masked, each record with its handled mark. */
export async function browseDeadLetters(
  deps: { db: Db; access: DlqAccess },
  cluster: string,
  topic: string,
  q: DlqMessagesQuery,
): Promise<DlqMessagePage> {
  const kafka = await deps.access.requireDlq(cluster, topic);
  const page = await onKafka(cluster, 'reading the DLQ', () =>
    kafka.browse(topic, {
      limit: q.limit,
      order: q.order,
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      ...(q.partition !== undefined ? { partition: q.partition } : {}),
      ...(q.offset !== undefined ? { offset: q.offset } : {}),
      ...(q.at !== undefined ? { atMs: Date.parse(q.at) } : {}),
      ...(q.errorClass !== undefined ? { errorClass: q.errorClass } : {}),
      ...(q.key !== undefined ? { key: q.key } : {}),
      ...(q.includeHandled === 'false'
        ? { excludeHandled: handledLookup(deps.db, cluster, topic) }
        : {}),
    }),
  );
  const marks = await handledMarks(deps.db, { cluster, topic }, page.records);
  return {
    messages: page.records.map((r) => ({
      ...deps.access.render(r),
      handled: marks.get(`${r.partition}:${r.offset}`) ?? null,
    })),
    nextCursor: page.nextCursor,
    partitions: page.partitions,
  };
}
