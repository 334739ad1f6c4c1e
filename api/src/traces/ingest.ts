import { SpanSchema, type Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { writeSpans } from './span-writer';

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

/** Where spans enter the store: the OTLP receiver and the broker hop-span sampler both use it. */
export interface SpanIngest {
  ingest(spans: readonly unknown[]): Promise<IngestResult>;
}

const MAX_ERRORS = 10;

function describe(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates each span with SpanSchema and writes the valid ones in batches. */
export function createSpanIngest(db: Queryable): SpanIngest {
  return {
    async ingest(spans) {
      const valid: Span[] = [];
      const errors: SpanError[] = [];
      let rejected = 0;
      spans.forEach((candidate, index) => {
        const parsed = SpanSchema.safeParse(candidate);
        if (parsed.success) valid.push(parsed.data);
        else {
          rejected += 1;
          const issue = parsed.error.issues[0];
          if (errors.length < MAX_ERRORS && issue) errors.push({ index, message: describe(issue) });
        }
      });
      if (valid.length > 0) await writeSpans(db, valid);
      return { accepted: valid.length, rejected, errors };
    },
  };
}
