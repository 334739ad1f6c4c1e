import { describe, expect, it } from 'vitest';
import { fillBuckets, planHistory } from './history';

const now = new Date('2026-11-25T12:00:00Z');
const opts = { rawRetentionHours: 6, sampleIntervalMs: 5000 };

describe('planHistory', () => {
  it.each([
    ['default: last hour from raw samples', {}, 'raw', 12, '2026-11-25T11:00:00.000Z'],
    [
      '15 minutes → 5 s steps (one per sample)',
      { from: '2026-11-25T11:45:00Z' },
      'raw',
      5,
      '2026-11-25T11:45:00.000Z',
    ],
    [
      '24 hours → rollups, whole minutes',
      { from: '2026-11-24T12:00:00Z' },
      'rollup',
      300,
      '2026-11-24T12:00:00.000Z',
    ],
    [
      '7 days → rollups',
      { from: '2026-11-18T12:00:00Z' },
      'rollup',
      2040,
      '2026-11-18T12:00:00.000Z',
    ],
    [
      'an asked step is honoured',
      { from: '2026-11-25T11:00:00Z', step: 30 },
      'raw',
      30,
      '2026-11-25T11:00:00.000Z',
    ],
    [
      'past raw retention → rollups',
      { from: '2026-11-25T04:00:00Z', to: '2026-11-25T04:10:00Z' },
      'rollup',
      60,
      '2026-11-25T04:00:00.000Z',
    ],
  ])('%s', (_what, query, source, step, from) => {
    const plan = planHistory(query, now, opts);
    expect(plan).toMatchObject({ source, stepSeconds: step });
    expect(plan.from.toISOString()).toBe(from);
  });

  it('never asks for more than 2000 points', () => {
    const plan = planHistory({ from: '2026-11-18T12:00:00Z', step: 1 }, now, opts);
    expect((plan.to.getTime() - plan.from.getTime()) / 1000 / plan.stepSeconds).toBeLessThanOrEqual(
      2000,
    );
  });
});

describe('fillBuckets', () => {
  it('keeps missing buckets as gaps instead of dropping or zeroing them', () => {
    const plan = {
      from: new Date('2026-11-25T12:00:00Z'),
      to: new Date('2026-11-25T12:00:20Z'),
      stepSeconds: 5,
      source: 'raw' as const,
    };
    const rows = [
      { bucket: '2026-11-25T12:00:00Z', v: 1 },
      { bucket: new Date('2026-11-25T12:00:10Z'), v: 3 },
    ];
    expect(fillBuckets(plan, rows, (at, row) => ({ at, v: row?.v ?? null }))).toEqual([
      { at: '2026-11-25T12:00:00.000Z', v: 1 },
      { at: '2026-11-25T12:00:05.000Z', v: null },
      { at: '2026-11-25T12:00:10.000Z', v: 3 },
      { at: '2026-11-25T12:00:15.000Z', v: null },
    ]);
  });
});
