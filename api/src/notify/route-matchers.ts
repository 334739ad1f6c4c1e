import type { SilenceMatcher } from '@eventscope/shared';

export type LabelPredicate = (labels: Readonly<Record<string, string>>) => boolean;

/**
 * A notifier's route: every matcher must hold (Alertmanager semantics: a missing label is the
 * empty string, regexes are anchored). No matchers = every alert.
 */
export function compileRouteMatchers(matchers: readonly SilenceMatcher[]): LabelPredicate {
  const tests = matchers.map((m): LabelPredicate => {
    if (m.op === '=~' || m.op === '!~') {
      const regex = new RegExp(`^(?:${m.value})$`);
      const want = m.op === '=~';
      return (labels) => regex.test(labels[m.label] ?? '') === want;
    }
    const want = m.op === '=';
    return (labels) => ((labels[m.label] ?? '') === m.value) === want;
  });
  return (labels) => tests.every((test) => test(labels));
}
