import { describe, expect, it } from 'vitest';
import { alertLabels, canonicalLabels, fingerprint } from './labels';
import { compileMatchers, matchesEmpty, parseRuleMatcher } from './matchers';

describe('fingerprints', () => {
  it('do not depend on label order', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
    expect(fingerprint({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differ when any name or value differs, including by where a separator falls', () => {
    const sets: Record<string, string>[] = [
      { a: '1', b: '2' },
      { a: '1', b: '3' },
      { a: '1', c: '2' },
      { a: '1' },
      { a: '1b', '': '2' },
      { 'a\u00001': 'b' },
    ];
    const prints = new Set(sets.map((labels) => fingerprint(labels)));
    expect(prints.size).toBe(6);
    expect(canonicalLabels({ a: 'x', b: 'y' })).not.toBe(
      canonicalLabels({ a: 'x\u0001b', '': 'y' }),
    );
  });

  it('include alertname and severity, which win over series and rule labels', () => {
    const labels = alertLabels(
      { cluster: 'c1', group: 'g' },
      { name: 'Lag', severity: 'critical', labels: { team: 'payments', cluster: 'prod' } },
    );
    expect(labels).toEqual({
      cluster: 'prod',
      group: 'g',
      team: 'payments',
      alertname: 'Lag',
      severity: 'critical',
    });
  });
});

describe('matchers', () => {
  const labels = { cluster: 'prod', group: 'payments-consumer' };
  const test = (spec: Record<string, string>) =>
    compileMatchers(Object.entries(spec).map(([l, v]) => parseRuleMatcher(l, v)))(labels);

  it.each([
    [{}, true],
    [{ group: 'payments-consumer' }, true],
    [{ group: 'payments' }, false],
    [{ group: '!=payments' }, true],
    [{ group: '=~payments.*' }, true],
    [{ group: '=~payments' }, false], // anchored at both ends, as in Prometheus
    [{ group: '!~pay.*' }, false],
    [{ group: '=~pay.*', cluster: 'prod' }, true],
    [{ group: '=~pay.*', cluster: 'dev' }, false],
    [{ topic: '' }, true], // a missing label is the empty string
    [{ topic: '=~.+' }, false],
    [{ constructor: '=~.+' }, false], // never Object.prototype's properties
  ])('%o → %s', (spec, expected) => {
    expect(test(spec)).toBe(expected);
  });

  it('knows which matchers accept an empty value', () => {
    expect(matchesEmpty({ label: 'a', op: '=', value: '' })).toBe(true);
    expect(matchesEmpty({ label: 'a', op: '=~', value: '.*' })).toBe(true);
    expect(matchesEmpty({ label: 'a', op: '!=', value: 'x' })).toBe(true);
    expect(matchesEmpty({ label: 'a', op: '=', value: 'x' })).toBe(false);
    expect(matchesEmpty({ label: 'a', op: '=~', value: '.+' })).toBe(false);
  });
});
