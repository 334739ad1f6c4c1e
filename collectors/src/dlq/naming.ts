/**
 * DLQ discovery by name (DESIGN.md "Conventions": `<topic>-dlt`, `<topic>.DLT`, `<topic>.DLQ`,
 * `<topic>-dlq`, `dlq-<topic>`, plus configured names and patterns). Suffixes and the prefix
 * are matched case-insensitively; the source topic is reported only when it exists.
 */

export type DlqNameRule = string | RegExp;

export interface NamedDlq {
  topic: string;
  sourceTopics: string[];
  discoveredBy: 'name' | 'config';
}

const SUFFIXES = ['-dlt', '.dlt', '.dlq', '-dlq'];
const PREFIXES = ['dlq-', 'dlq.'];

/** The source topic name a DLQ name points at, or null when the name follows no convention. */
export function sourceOfDlqName(topic: string): string | null {
  const lower = topic.toLowerCase();
  for (const suffix of SUFFIXES)
    if (lower.endsWith(suffix) && topic.length > suffix.length)
      return topic.slice(0, -suffix.length);
  for (const prefix of PREFIXES)
    if (lower.startsWith(prefix) && topic.length > prefix.length) return topic.slice(prefix.length);
  return null;
}

function matchesRule(topic: string, rule: DlqNameRule): boolean {
  return typeof rule === 'string'
    ? rule === topic
    : new RegExp(rule.source, rule.flags.replace('g', '')).test(topic);
}

export function discoverDlqsByName(
  topics: Iterable<string>,
  configured: readonly DlqNameRule[] = [],
): NamedDlq[] {
  const all = new Set(topics);
  const found: NamedDlq[] = [];
  for (const topic of all) {
    const source = sourceOfDlqName(topic);
    const sourceTopics = source !== null && all.has(source) ? [source] : [];
    if (configured.some((rule) => matchesRule(topic, rule)))
      found.push({ topic, sourceTopics, discoveredBy: 'config' });
    else if (source !== null) found.push({ topic, sourceTopics, discoveredBy: 'name' });
  }
  return found.sort((a, b) => a.topic.localeCompare(b.topic));
}
