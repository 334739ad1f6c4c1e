import { describe, expect, it } from 'vitest';
import { demoOptionsFromEnv } from './env';

describe('demoOptionsFromEnv', () => {
  it('maps the variables that are set to demo options', () => {
    expect(
      demoOptionsFromEnv({
        EVENTSCOPE_DEMO_ORDERS_PER_SECOND: '20',
        EVENTSCOPE_DEMO_POISON_RATIO: '0.1',
        EVENTSCOPE_DEMO_SLOW_SHIPPING_EVERY_MS: '0',
      }),
    ).toEqual({
      ok: true,
      options: { ordersPerSecond: 20, poisonRatio: 0.1, slowShippingEvery: 0 },
    });
    expect(demoOptionsFromEnv({})).toEqual({ ok: true, options: {} });
  });

  it.each([
    ['EVENTSCOPE_DEMO_POISON_RATIO', '1.5'],
    ['EVENTSCOPE_DEMO_POISON_RATIO', 'lots'],
    ['EVENTSCOPE_DEMO_ORDERS_PER_SECOND', '-3'],
    ['EVENTSCOPE_DEMO_ORDERS_PER_SECOND', '5000'],
  ])('refuses %s=%s with one line naming it', (variable, value) => {
    const result = demoOptionsFromEnv({ [variable]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(`${variable} `)).toBe(true);
  });
});
