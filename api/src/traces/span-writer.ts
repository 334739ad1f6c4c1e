import type { Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { chunkJson, joinChunkJson, toSpanChunks } from './chunks';

/**
 * One statement per write: the chunks travel as one JSON parameter (on PGlite several times
 * cheaper than one array per column). Sorted by key so that concurrent writers on PostgreSQL
 * take their locks in one order.
 */
const INSERT_CHUNKS = `
INSERT INTO span_chunks (trace_id, digest, first_started_at, last_started_at, start_ns, end_ns,
  span_count, error_count, services, topics, correlation_ids, linked_trace_ids,
  latency, spans)
SELECT "traceId", digest, "firstStartedAt", "lastStartedAt", "startNs", "endNs", "spanCount",
  "errorCount", services, topics, "correlationIds", "linkedTraceIds", latency,
  decode("spansPacked", 'base64')
FROM json_to_recordset($1::json) AS r("traceId" text, digest text, "firstStartedAt" timestamptz,
  "lastStartedAt" timestamptz, "startNs" bigint, "endNs" bigint, "spanCount" int,
  "errorCount" int, services text[], topics text[], "correlationIds" text[],
  "linkedTraceIds" text[], latency text, "spansPacked" text)
ORDER BY "traceId", digest
ON CONFLICT DO NOTHING`;

/** Writes chunks given as JSON text (chunkJson, or several joined by joinChunkJson). */
export async function writeChunkJson(db: Queryable, json: string): Promise<void> {
  if (json === '[]') return;
  await db.query(INSERT_CHUNKS, [json]);
}

/** Writes validated spans; a span already stored in the same chunk is not stored twice. */
export async function writeSpans(db: Queryable, spans: readonly Span[]): Promise<void> {
  await writeChunkJson(db, chunkJson(toSpanChunks(spans)));
}

/** Above this much JSON a group commit is split (bounds how long one statement holds PGlite). */
const MAX_GROUP_BYTES = 8 * 1024 * 1024;

export interface ChunkWriter {
  /** Resolves once the chunks are committed (together with whatever else was waiting). */
  write(json: string): Promise<void>;
}

interface Pending {
  json: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: while one statement runs, later writes queue up and go out together as the
 * next statement. Under load every statement carries many requests' chunks, so the per-statement
 * cost (parse, plan, commit, WAL flush) is paid once per group instead of once per request.
 */
export function createChunkWriter(db: Queryable): ChunkWriter {
  let queue: Pending[] = [];
  let running = false;

  const takeGroup = (): Pending[] => {
    let bytes = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || bytes + (queue[n]?.json.length ?? 0) <= MAX_GROUP_BYTES))
      bytes += queue[n++]?.json.length ?? 0;
    const group = queue.slice(0, n);
    queue = queue.slice(n);
    return group;
  };

  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      const group = takeGroup();
      try {
        await writeChunkJson(db, joinChunkJson(group.map((p) => p.json)));
        for (const p of group) p.resolve();
      } catch (error) {
        for (const p of group) p.reject(error);
      }
    }
    running = false;
  };

  return {
    write(json) {
      if (json === '[]') return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ json, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
