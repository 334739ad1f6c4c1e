import { cloudEventHeaders, correlationHeaders, causationHeader } from '@eventscope/shared';

/** Record headers as kafkajs and its instrumentation type them. */
export type HeaderMap = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** A header's first value as text; names compare case-insensitively. */
export function headerText(headers: HeaderMap | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, raw] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || raw === undefined) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    return value === undefined ? undefined : value.toString();
  }
  return undefined;
}

/** The correlation id, by the conventions in DESIGN.md (first match wins). */
export function correlationIdOf(headers: HeaderMap | undefined): string | undefined {
  for (const name of correlationHeaders) {
    const value = headerText(headers, name);
    if (value) return value;
  }
  return undefined;
}

export interface CloudEventAttributes {
  id: string;
  type: string;
  source: string;
  time: Date;
}

/** CloudEvents binary-mode headers; `content-type` is the event's datacontenttype. */
export function cloudEventHeaderMap(event: CloudEventAttributes, contentType: string): HeaderMap {
  return {
    [cloudEventHeaders.id]: event.id,
    [cloudEventHeaders.type]: event.type,
    [cloudEventHeaders.source]: event.source,
    [cloudEventHeaders.time]: event.time.toISOString(),
    [cloudEventHeaders.specversion]: '1.0',
    'content-type': contentType,
  };
}

/**
 * Correlation headers for an event caused by another. The generator writes only `correlation-id`;
 * payments and shipping also write the CloudEvents extension, so both conventions are exercised.
 */
export function correlationHeaderMap(
  correlationId: string,
  options: { cloudEvents: boolean; causationId?: string },
): HeaderMap {
  const [plain, , , cloudEvent] = correlationHeaders;
  const headers: HeaderMap = { [plain]: correlationId };
  if (options.cloudEvents) {
    headers[cloudEvent] = correlationId;
    if (options.causationId) headers[causationHeader] = options.causationId;
  }
  return headers;
}
