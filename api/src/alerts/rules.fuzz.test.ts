import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AlertMetricSchema,
  MatcherLabelSchema,
  SilenceInputSchema,
  type AlertRuleInput,
} from '@eventscope/shared';
import { BadRequestError } from '../domain/errors';
import { parseInput } from '../http/validate';
import { renderAnnotations } from './annotations';
import { compileMatchers } from './matchers';
import { compileRule } from './rule-compile';
import { parseRuleInput } from './rule-validation';
import type { Series } from './series';

/**
 * Security issue #3: garbage rule bodies and matcher strings must end as a 400 (our typed
 * error) or as a valid rule that compiles and evaluates; never any other exception.
 */
const regexy = fc.string({
  unit: fc.constantFrom(...'=~!()[]{}*+?.^$|\\-,:a1 '.split('')),
  maxLength: 12,
});
const matcherValue = fc.oneof(
  regexy,
  regexy.map((s) => `=~${s}`),
  regexy.map((s) => `!~${s}`),
  regexy.map((s) => `!=${s}`),
  fc.string(),
);
const template = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'{}#^/>&!=labels.value x'.split('')), maxLength: 20 }),
);
/** Mostly plausible values with garbage mixed in, so both outcomes are reached. */
const mostly = <T, U>(plausible: fc.Arbitrary<T>, garbage: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: plausible, weight: 6 }, { arbitrary: garbage, weight: 1 });
const ruleLike = fc.record(
  {
    name: mostly(fc.string({ minLength: 1, maxLength: 30 }), fc.oneof(fc.integer(), fc.string())),
    metric: mostly(fc.constantFrom(...AlertMetricSchema.options), fc.string()),
    matchers: mostly(
      fc.dictionary(
        mostly(fc.constantFrom(...MatcherLabelSchema.options), fc.string({ maxLength: 8 })),
        mostly(matcherValue, fc.integer()),
        { maxKeys: 3 },
      ),
      fc.anything(),
    ),
    op: mostly(fc.constantFrom('>', '>=', '<', '<=', '==', '!='), fc.string()),
    threshold: mostly(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.oneof(fc.double(), fc.string()),
    ),
    statuses: fc.array(fc.constantFrom('OK', 'STOP', 'STALL', 'BOGUS')),
    windowSeconds: fc.integer({ min: -5, max: 100_000 }),
    forSeconds: mostly(fc.integer({ min: -100, max: 100_000 }), fc.double()),
    keepFiringForSeconds: fc.integer({ min: -10, max: 100_000 }),
    severity: mostly(fc.constantFrom('critical', 'warning', 'info'), fc.string()),
    labels: fc.dictionary(
      mostly(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), fc.string({ maxLength: 10 })),
      fc.string({ maxLength: 10 }),
      { maxKeys: 3 },
    ),
    annotations: fc.record(
      { summary: template, description: template, runbookUrl: fc.webUrl() },
      { requiredKeys: [] },
    ),
    enabled: mostly(fc.boolean(), fc.string()),
  },
  { requiredKeys: ['name', 'metric', 'op', 'threshold', 'forSeconds', 'severity'] },
);

const series = (labels: Record<string, string>): Series => ({
  key: 'k',
  labels,
  values: { lagSeconds: 12.5, lagMessages: 3, dlqDepth: null, spanLatencyAvg: 7 },
  status: 'STOP',
});

/** The outcome of one input: a rule that works end to end, or our 400. */
function accepted(input: unknown): AlertRuleInput | undefined {
  let parsed: AlertRuleInput;
  try {
    parsed = parseRuleInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    const { message, details } = error as BadRequestError;
    expect(message).toMatch(/^invalid body: /);
    expect((details as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    return undefined;
  }
  const rule = compileRule({ id: 'r', definition: parsed });
  const labelSets: Record<string, string>[] = [
    {},
    { cluster: 'c', group: 'g', topic: 't' },
    { service: 'a|b' },
  ];
  for (const labels of labelSets) {
    expect(typeof rule.matches(labels)).toBe('boolean');
    const value = rule.valueOf(series(labels));
    if (value !== null) expect(typeof rule.holds(value)).toBe('boolean');
  }
  const rendered = renderAnnotations(parsed, { group: 'g' }, 3);
  for (const text of Object.values(rendered)) expect(typeof text).toBe('string');
  return parsed;
}

describe('rule input fuzzing', () => {
  it('arbitrary JSON values → 400, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        accepted(input);
      }),
      { numRuns: 500 },
    );
  });

  it('rule-shaped garbage → a working rule or a 400 naming a field', () => {
    let valid = 0;
    fc.assert(
      fc.property(ruleLike, (input) => {
        if (accepted(input)) valid++;
      }),
      { numRuns: 3000 },
    );
    // The generator reaches both outcomes, so the property is not vacuous.
    expect(valid).toBeGreaterThan(0);
  });

  it('silence matchers → a matcher set that evaluates, or a 400', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.oneof(fc.constantFrom('group', 'alertname', 'constructor'), fc.string()),
            op: fc.oneof(fc.constantFrom('=', '!=', '=~', '!~'), fc.string()),
            value: fc.oneof(regexy, fc.string()),
          }),
          { maxLength: 4 },
        ),
        (matchers) => {
          let parsed;
          try {
            parsed = parseInput(
              SilenceInputSchema,
              { matchers, endsAt: '2099-01-01T00:00:00Z', comment: 'fuzz' },
              'body',
            );
          } catch (error) {
            expect(error).toBeInstanceOf(BadRequestError);
            return;
          }
          const test = compileMatchers(parsed.matchers);
          expect(typeof test({ group: 'payments', alertname: 'x' })).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
