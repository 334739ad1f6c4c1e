import { describe, expect, it } from 'vitest';
import { rule } from '../pages/alerts/testFixtures';
import { lagSecondsThreshold } from './useAlertRules';

describe('lagSecondsThreshold', () => {
  const rules = [
    rule({ id: 'default', name: 'Consumer lag', threshold: 60 }),
    rule({ id: 'payments', name: 'Payments lag', threshold: 30, matchers: { group: 'payments' } }),
    rule({ id: 'off', name: 'Off', threshold: 5, enabled: false }),
    rule({ id: 'size', name: 'Size', metric: 'eventSizeP95', threshold: 1 }),
    rule({ id: 'below', name: 'Too quiet', op: '<', threshold: 1 }),
  ];

  it('draws the lowest enabled rule that applies to the group', () => {
    expect(lagSecondsThreshold(rules, 'local', 'payments')).toEqual({
      value: 30,
      label: 'Payments lag > 30 s',
    });
    expect(lagSecondsThreshold(rules, 'local', 'billing')).toEqual({
      value: 60,
      label: 'Consumer lag > 1 m',
    });
  });

  it('draws nothing when no rule applies, and defers while rules are unknown', () => {
    expect(lagSecondsThreshold([rules[1] ?? rule()], 'local', 'billing')).toBeNull();
    expect(lagSecondsThreshold(undefined, 'local', 'billing')).toBeUndefined();
  });
});
