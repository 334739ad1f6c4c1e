import {
  decodeDeadLetterHeaders,
  type DlqErrorClass,
  type RecordHeaders,
} from '@eventscope/shared';

export interface DeadLetterRecord {
  timestampMs: number;
  headers: RecordHeaders | undefined;
}

/** Class name used when a dead letter carries no exception class header. */
export const UNKNOWN_ERROR_CLASS = 'unknown';

/** Groups recent dead letters by exception class, most frequent first. */
export function groupErrorClasses(records: readonly DeadLetterRecord[]): DlqErrorClass[] {
  const groups = new Map<string, { count: number; first: number; last: number }>();
  for (const r of records) {
    const info = decodeDeadLetterHeaders(r.headers);
    const cls = info?.exceptionClass ?? UNKNOWN_ERROR_CLASS;
    const g = groups.get(cls);
    if (!g) groups.set(cls, { count: 1, first: r.timestampMs, last: r.timestampMs });
    else {
      g.count++;
      g.first = Math.min(g.first, r.timestampMs);
      g.last = Math.max(g.last, r.timestampMs);
    }
  }
  return [...groups]
    .map(([cls, g]) => ({
      class: cls,
      count: g.count,
      firstSeen: new Date(g.first).toISOString(),
      lastSeen: new Date(g.last).toISOString(),
    }))
    .sort((a, b) => b.count - a.count || a.class.localeCompare(b.class));
}

/** Source topics named by dead-letter headers (Spring original topic, Connect errors.topic). */
export function sourceTopicsFromHeaders(records: readonly DeadLetterRecord[]): string[] {
  const topics = new Set<string>();
  for (const r of records) {
    const topic = decodeDeadLetterHeaders(r.headers)?.originalTopic;
    if (topic) topics.add(topic);
  }
  return [...topics].sort();
}
