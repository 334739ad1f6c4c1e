import { describe, expect, it } from 'vitest';
import { resolveDemoOptions } from './options';

describe('demo options', () => {
  it('fills in the defaults', () => {
    const settings = resolveDemoOptions({ brokers: ['localhost:9092'], apiUrl: 'http://x:8080' });
    expect(settings).toMatchObject({
      ordersPerSecond: 5,
      poisonRatio: 0.03,
      connectDlqRatio: 0.01,
      topicPrefix: '',
      groupPrefix: '',
    });
  });

  it('names the bad option', () => {
    expect(() =>
      resolveDemoOptions({ brokers: ['b:9092'], apiUrl: 'http://x', poisonRatio: 3 }),
    ).toThrow(/^invalid demo option poisonRatio/);
    expect(() => resolveDemoOptions({ brokers: [], apiUrl: 'http://x' })).toThrow(
      'invalid demo option brokers',
    );
  });
});
