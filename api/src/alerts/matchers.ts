import type { Labels } from './labels';

/** Prometheus matcher operators. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

/** Tests one label value; a missing label is the empty string, as in Prometheus. */
export type ValueTest = (value: string) => boolean;
export type LabelsTest = (labels: Labels) => boolean;

/** Regexes are anchored at both ends, as in Prometheus and Alertmanager. */
function anchored(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

export function compileValueTest(op: MatchOp, value: string): ValueTest {
  switch (op) {
    case '=':
      return (v) => v === value;
    case '!=':
      return (v) => v !== value;
    case '=~': {
      const re = anchored(value);
      return (v) => re.test(v);
    }
    case '!~': {
      const re = anchored(value);
      return (v) => !re.test(v);
    }
  }
}

/**
 * A rule matcher value in the shared contract: `payments`, `!=payments`, `=~pay.*`, `!~pay.*`.
 * Parsed once when the rule is compiled, never per series.
 */
export function parseRuleMatcher(label: string, raw: string): Matcher {
  if (raw.startsWith('=~')) return { label, op: '=~', value: raw.slice(2) };
  if (raw.startsWith('!~')) return { label, op: '!~', value: raw.slice(2) };
  if (raw.startsWith('!=')) return { label, op: '!=', value: raw.slice(2) };
  return { label, op: '=', value: raw };
}

/** Own properties only: a label named `constructor` must not find Object.prototype's. */
export function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] ?? '') : '';
}

/** All matchers must hold. Compiled to one closure; the empty list matches everything. */
export function compileMatchers(matchers: readonly Matcher[]): LabelsTest {
  const tests = matchers.map((m) => ({
    label: m.label,
    test: compileValueTest(m.op, m.value),
  }));
  if (tests.length === 0) return () => true;
  if (tests.length === 1) {
    const [only] = tests;
    if (!only) return () => true;
    return (labels) => only.test(labelValue(labels, only.label));
  }
  return (labels) => {
    for (const t of tests) if (!t.test(labelValue(labels, t.label))) return false;
    return true;
  };
}

/** Whether the matcher accepts an empty (or missing) label value. */
export function matchesEmpty(m: Matcher): boolean {
  return compileValueTest(m.op, m.value)('');
}
