import type { ReplayBatch } from '@eventscope/collectors';
import type { Span } from '@eventscope/shared';

/**
 * The "replayed" hop span of each record a batch produced (source "broker"): its span id is the
 * one in the fresh `traceparent` on the replayed record, and it links to the original record's
 * span. Ids are derived from (replay, record), so a batch reported twice writes nothing twice.
 */
export function replaySpans(
  replay: { id: string; dlq: string },
  batch: Pick<ReplayBatch, 'records' | 'startedAtMs' | 'durationMs'>,
): Span[] {
  const startedAt = new Date(batch.startedAtMs).toISOString();
  const startNs = (BigInt(Math.round(batch.startedAtMs)) * 1_000_000n).toString();
  const spans: Span[] = [];
  for (const r of batch.records) {
    if (r.decision.kind !== 'replay' || !r.trace) continue;
    const target = r.decision.target;
    const from = `${replay.dlq}/${r.partition}/${r.offset}`;
    spans.push({
      traceId: r.trace.traceId,
      spanId: r.trace.spanId,
      parentSpanId: null,
      links: r.trace.linked
        ? [{ ...r.trace.linked, attributes: { 'eventscope.link': 'replayed-from' } }]
        : [],
      service: 'eventscope',
      name: `replay ${target}`,
      kind: 'producer',
      startedAt,
      startTimeUnixNano: startNs,
      durationMs: Math.max(0, batch.durationMs),
      status: { code: 'ok' },
      attributes: {
        'eventscope.hop': 'replayed',
        'eventscope.replay.id': replay.id,
        'eventscope.replay.from': from,
        'messaging.system': 'kafka',
        'messaging.destination.name': target,
        'messaging.operation.type': 'send',
        ...(r.trace.correlationId
          ? { 'messaging.message.conversation_id': r.trace.correlationId }
          : {}),
      },
      source: 'broker',
      correlationIds: r.trace.correlationId ? [r.trace.correlationId] : [],
      messaging: {
        system: 'kafka',
        destination: target,
        operation: 'send',
        ...(r.trace.correlationId ? { conversationId: r.trace.correlationId } : {}),
      },
    });
  }
  return spans;
}
