import { describe, expect, it } from 'vitest';
import { groupHistory } from '../../test/lagFixtures';
import { lagRows, statusSegments } from './history';

describe('lagRows', () => {
  it('passes unknown steps to the chart as null, so they are gaps and not zero', () => {
    const rows = lagRows(groupHistory([120, null, 0]).points);
    expect(rows.map((r) => [r.lagSeconds, r.lagMessages])).toEqual([
      [120, 1200],
      [null, null],
      [0, 0],
    ]);
    expect(rows.every((r) => Number.isFinite(r.t))).toBe(true);
  });
});

describe('statusSegments', () => {
  it('merges runs of one status and keeps unknown steps as their own segment', () => {
    const history = groupHistory([1, 2, 90, null, null, 3]);
    const segments = statusSegments(history.points);
    expect(segments.map((s) => [s.status, s.steps])).toEqual([
      ['OK', 2],
      ['STALL', 1],
      [null, 2],
      ['OK', 1],
    ]);
    expect(segments[0]?.to).toBe(history.points[2]?.at);
    expect(segments.at(-1)?.to).toBeNull();
  });

  it('is empty without points', () => {
    expect(statusSegments([])).toEqual([]);
  });
});
