import { describe, expect, it } from 'vitest';
import { nextSequence } from './txn-requests';

describe('nextSequence', () => {
  it('counts records per partition and wraps past 2^31 - 1 to 0, as the Java client does', () => {
    expect(nextSequence(0, 1000)).toBe(1000);
    expect(nextSequence(2 ** 31 - 1000, 999)).toBe(2 ** 31 - 1);
    expect(nextSequence(2 ** 31 - 1000, 1000)).toBe(0);
    expect(nextSequence(2 ** 31 - 1, 5)).toBe(4);
  });
});
