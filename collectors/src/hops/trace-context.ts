/** A W3C trace context as carried by a record (`traceparent`). */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** The two hex digits as received, e.g. "01". */
  flags: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Parses a W3C `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header).
 * Version `ff`, all-zero ids and, for version 00, anything after the flags are invalid; later
 * versions may append fields. Hex is accepted in any case and returned lowercase.
 */
export function parseTraceparent(value: string | null | undefined): TraceContext | null {
  if (!value) return null;
  const match = TRACEPARENT.exec(value.trim().toLowerCase());
  if (!match) return null;
  const [, version, traceId, spanId, flags, rest] = match;
  if (!version || !traceId || !spanId || !flags) return null;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, flags, sampled: (parseInt(flags, 16) & 1) === 1 };
}
