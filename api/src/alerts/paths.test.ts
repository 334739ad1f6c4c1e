import { describe, expect, it } from 'vitest';
import { withRange } from './paths';

describe('withRange', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it('picks the shortest preset that shows the alert since a little before it became active', () => {
    expect(withRange('/groups/local/shipping', now - 60_000, now)).toBe(
      '/groups/local/shipping?range=15m',
    );
    expect(withRange('/groups/local/shipping', now - 20 * 60_000, now)).toBe(
      '/groups/local/shipping?range=1h',
    );
    expect(withRange('/?cluster=local', now - 3 * 3600_000, now)).toBe('/?cluster=local&range=6h');
    expect(withRange('/dlqs/local/x', now - 30 * 86_400_000, now)).toBe('/dlqs/local/x?range=7d');
  });
  it('leaves the link alone when the alert never became active', () => {
    expect(withRange('/groups/local/shipping', null, now)).toBe('/groups/local/shipping');
  });
});
