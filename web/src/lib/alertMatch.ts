/**
 * Label matching as the api does it (Prometheus/Alertmanager semantics), for previews only:
 * "this silence matches 3 alerts now", "these rules apply to this group's chart". The api
 * decides what is really silenced or evaluated.
 */

export interface LabelMatcher {
  label: string;
  op: string;
  value: string;
}

/** Anchored like Prometheus; a bad pattern matches nothing rather than throwing. */
function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** One matcher against a label set; a missing label is the empty string, as in Alertmanager. */
export function matches(m: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return fullMatch(m.value, value);
    case '!~':
      return !fullMatch(m.value, value);
    default:
      return false;
  }
}

export function matchesAll(
  matchers: readonly LabelMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.every((m) => matches(m, labels));
}

/**
 * A rule matcher value (`payments`, `!=payments`, `=~pay.*`, `!~pay.*`) as a label matcher.
 */
export function ruleMatcher(label: string, value: string): LabelMatcher {
  const prefix = /^(=~|!~|!=)/.exec(value)?.[1];
  return prefix
    ? { label, op: prefix, value: value.slice(prefix.length) }
    : { label, op: '=', value };
}

/** Whether a rule's matchers select a series with these labels (labels it lacks count as ""). */
export function ruleApplies(
  matchers: Readonly<Partial<Record<string, string>>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(matchers).every(
    ([label, value]) => value === undefined || matches(ruleMatcher(label, value), labels),
  );
}

/** `cluster=local`, `group=~"pay.*"`: regex values quoted so their operators stand out. */
export function matcherText(m: LabelMatcher): string {
  return `${m.label}${m.op}${m.op.includes('~') ? `"${m.value}"` : m.value}`;
}
