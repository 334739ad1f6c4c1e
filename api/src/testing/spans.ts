import type { Span } from '@eventscope/shared';
import type { Queryable } from '../store';
import { spansOfTraces } from '../traces/span-reader';

/** Every stored span (once each) that passes `keep`: for tests that count what was written. */
export async function storedSpans(
  db: Queryable,
  keep: (span: Span) => boolean = () => true,
): Promise<Span[]> {
  const { rows } = await db.query<{ trace_id: string }>(
    'SELECT DISTINCT trace_id FROM span_chunks',
  );
  const spans = await spansOfTraces(
    db,
    rows.map((row) => row.trace_id),
  );
  return spans.filter(keep);
}
