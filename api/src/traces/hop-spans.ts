import type { Span } from '@eventscope/shared';
import type { Logger } from '../logging';
import type { SpanIngest } from './ingest';

/**
 * The samplers' `onSpans`: hop spans derived from broker records enter the store through the
 * same validation and writer as OTLP spans. Their ids are deterministic, so a record read twice
 * is stored once.
 */
export function ingestHopSpans(
  ingest: SpanIngest,
  logger: Logger,
): (spans: Span[]) => Promise<void> {
  return async (spans) => {
    const result = await ingest.ingest(spans.filter((span) => span.source === 'broker'));
    if (result.rejected > 0)
      logger.warn({ rejected: result.rejected, errors: result.errors }, 'hop spans rejected');
  };
}
