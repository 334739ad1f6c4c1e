import { describe, expect, it } from 'vitest';
import { matches, matchesAll, matcherText, ruleApplies, ruleMatcher } from './alertMatch';

const labels = { alertname: 'ConsumerLag', cluster: 'local', group: 'payments' };

describe('alert matchers', () => {
  it('follows Alertmanager: anchored regexes, a missing label is empty', () => {
    expect(matches({ label: 'group', op: '=', value: 'payments' }, labels)).toBe(true);
    expect(matches({ label: 'group', op: '=~', value: 'pay' }, labels)).toBe(false);
    expect(matches({ label: 'group', op: '=~', value: 'pay.*' }, labels)).toBe(true);
    expect(matches({ label: 'group', op: '!~', value: 'pay.*' }, labels)).toBe(false);
    expect(matches({ label: 'topic', op: '=', value: '' }, labels)).toBe(true);
    expect(matches({ label: 'topic', op: '!=', value: 'orders' }, labels)).toBe(true);
    expect(matches({ label: 'group', op: '=~', value: '(' }, labels)).toBe(false);
    expect(
      matchesAll(
        [
          { label: 'cluster', op: '=', value: 'local' },
          { label: 'group', op: '!=', value: 'payments' },
        ],
        labels,
      ),
    ).toBe(false);
  });

  it('reads rule matcher values with their operator prefix', () => {
    expect(ruleMatcher('group', 'payments')).toEqual({
      label: 'group',
      op: '=',
      value: 'payments',
    });
    expect(ruleMatcher('group', '!=payments')).toMatchObject({ op: '!=', value: 'payments' });
    expect(ruleMatcher('group', '=~pay.*')).toMatchObject({ op: '=~', value: 'pay.*' });
    expect(ruleApplies({ cluster: 'local', group: '=~pay.*' }, labels)).toBe(true);
    expect(ruleApplies({ topic: 'orders' }, labels)).toBe(false);
    expect(ruleApplies({}, labels)).toBe(true);
  });

  it('quotes regex values when shown', () => {
    expect(matcherText({ label: 'group', op: '=~', value: 'pay.*' })).toBe('group=~"pay.*"');
    expect(matcherText({ label: 'group', op: '=', value: 'payments' })).toBe('group=payments');
  });
});
