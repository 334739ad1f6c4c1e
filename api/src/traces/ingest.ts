import { SpanSchema, type Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { chunkJson, toSpanChunks } from './chunks';
import { createChunkWriter, type ChunkWriter } from './span-writer';

export interface SpanError {
  /** Index of the span in the ingested list. */
  index: number;
  message: string;
}

export interface IngestResult {
  /** Valid spans, stored now or already stored before (duplicates are accepted, not stored twice). */
  accepted: number;
  rejected: number;
  /** The first few rejections; `rejected` counts them all. */
  errors: SpanError[];
}

/** Validated spans, chunked and serialized for the writer (chunkJson); see prepareSpans. */
export interface PreparedSpans extends IngestResult {
  chunkJson: string;
}

/** Where spans enter the store: the OTLP receiver and the broker hop-span sampler both use it. */
export interface SpanIngest {
  ingest(spans: readonly unknown[]): Promise<IngestResult>;
  /** Stores spans prepared elsewhere (the OTLP decode threads run prepareSpans). */
  store(prepared: PreparedSpans): Promise<IngestResult>;
}

/** How many rejections are described (the count covers them all). */
export const MAX_SPAN_ERRORS = 10;

function describe(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Validates each span with SpanSchema and serializes the valid ones as chunks. Pure CPU work,
 * so it can run on a worker thread; only the write needs the database.
 */
export function prepareSpans(candidates: readonly unknown[]): PreparedSpans {
  const valid: Span[] = [];
  const errors: SpanError[] = [];
  let rejected = 0;
  candidates.forEach((candidate, index) => {
    const parsed = SpanSchema.safeParse(candidate);
    if (parsed.success) valid.push(parsed.data);
    else {
      rejected += 1;
      const issue = parsed.error.issues[0];
      if (errors.length < MAX_SPAN_ERRORS && issue)
        errors.push({ index, message: describe(issue) });
    }
  });
  return { ...prepareValidSpans(valid), rejected, errors };
}

/** Spans that already satisfy SpanSchema (the OTLP decoder checks each field) as chunks. */
export function prepareValidSpans(spans: readonly Span[]): PreparedSpans {
  return {
    accepted: spans.length,
    rejected: 0,
    errors: [],
    chunkJson: chunkJson(toSpanChunks(spans)),
  };
}

/** Validates and writes spans; concurrent writes share statements (group commit). */
export function createSpanIngest(
  db: Queryable,
  writer: ChunkWriter = createChunkWriter(db),
): SpanIngest {
  const store = async ({ chunkJson: json, ...result }: PreparedSpans): Promise<IngestResult> => {
    await writer.write(json);
    return result;
  };
  return { ingest: (spans) => store(prepareSpans(spans)), store };
}
