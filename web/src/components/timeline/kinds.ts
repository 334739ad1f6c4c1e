import type { SpanKind } from '@eventscope/shared';

/** A glyph and a word per span kind: the bar's shape and colour are never the only signal. */
export const KINDS: Record<SpanKind, { glyph: string; word: string; meaning: string }> = {
  producer: { glyph: '↗', word: 'producer', meaning: 'sends a message to a topic' },
  consumer: { glyph: '↘', word: 'consumer', meaning: 'receives or processes a message' },
  internal: { glyph: '•', word: 'internal', meaning: 'work inside a service' },
  server: { glyph: '⇥', word: 'server', meaning: 'handles a request' },
  client: { glyph: '⇤', word: 'client', meaning: 'calls another service' },
};

export const SEGMENT_WORDS = { dlq: 'DLQ', replay: 'replay' } as const;

/** "DLQ payments-dlt", "replay 7f3a…", "replay" when the marks carry no id. */
export function segmentText(segment: { kind: 'dlq' | 'replay'; label: string | null }): string {
  return segment.label
    ? `${SEGMENT_WORDS[segment.kind]} ${segment.label}`
    : SEGMENT_WORDS[segment.kind];
}
