import type { GroupStatusCode } from '@eventscope/shared';
import { describe, expect, it } from 'vitest';
import { evaluateGroup } from './group-status';
import { evaluatePartition, type PartitionSample, type PartitionStatus } from './partition-status';
import { StatusWindows } from './window-store';

/** A window from rows of [seconds, committed, end]; lag = max(0, end − committed). */
function window(rows: Array<[number, number | null, number]>, committedSinceSeconds?: number) {
  const samples: PartitionSample[] = rows.map(([t, committed, end]) => ({
    atMs: t * 1000,
    committed: committed === null ? null : String(committed),
    end: String(end),
    lag: committed === null ? null : Math.max(0, end - committed),
  }));
  const since = committedSinceSeconds ?? rows[0]?.[0] ?? 0;
  return { topic: 't', partition: 0, samples, committedSinceMs: since * 1000 };
}

const opts = { minSamples: 4 };

describe('evaluatePartition (Burrow rules over a window)', () => {
  it.each<{
    name: string;
    rows: Array<[number, number | null, number]>;
    since?: number;
    code: GroupStatusCode;
    reason: RegExp;
  }>([
    {
      name: 'caught up',
      rows: [
        [0, 10, 10],
        [10, 20, 20],
        [20, 30, 30],
        [30, 40, 40],
      ],
      code: 'OK',
      reason: /caught up/,
    },
    {
      name: 'lag falls',
      rows: [
        [0, 10, 50],
        [10, 30, 60],
        [20, 60, 70],
        [30, 70, 75],
      ],
      code: 'OK',
      reason: /lag 5 and falling/,
    },
    {
      name: 'no committed offset',
      rows: [
        [0, null, 50],
        [10, null, 60],
        [20, null, 70],
        [30, null, 75],
      ],
      code: 'OK',
      reason: /no committed offset/,
    },
    {
      name: 'too few samples to judge a stuck offset',
      rows: [
        [0, 10, 50],
        [10, 10, 60],
      ],
      code: 'OK',
      reason: /watching \(2 of 4/,
    },
    {
      name: 'WARN: offsets move, lag never falls',
      rows: [
        [0, 10, 50],
        [60, 20, 70],
        [120, 30, 90],
        [180, 40, 12_040],
      ],
      code: 'WARN',
      reason: /^consumed 30 in 3 m but lag never fell, from 40 to 12 k$/,
    },
    {
      name: 'WARN includes a flat stretch (never falls)',
      rows: [
        [0, 10, 50],
        [10, 20, 60],
        [20, 30, 80],
        [30, 40, 90],
      ],
      code: 'WARN',
      reason: /lag never fell, from 40 to 50/,
    },
    {
      name: 'STALL: stuck within the window while writes continue',
      rows: [
        [0, 10, 50],
        [60, 10, 60],
        [120, 10, 70],
        [180, 10, 80],
      ],
      code: 'STALL',
      reason: /^committed offset stuck at 10 for 3 m while lag grew by 30 to 70$/,
    },
    {
      name: 'STOP: stuck longer than the window span while writes continue',
      rows: [
        [60, 10, 60],
        [120, 10, 70],
        [180, 10, 80],
        [240, 10, 12_050],
      ],
      since: 0,
      code: 'STOP',
      reason: /^offsets have not moved for 4 m while lag grew by 12 k to 12 k$/,
    },
    {
      name: 'idle topic is never STOP, only STALL',
      rows: [
        [60, 10, 60],
        [120, 10, 60],
        [180, 10, 60],
        [240, 10, 60],
      ],
      since: 0,
      code: 'STALL',
      reason: /50 messages unconsumed and no new writes/,
    },
    {
      name: 'stuck but caught up now is OK',
      rows: [
        [60, 60, 60],
        [120, 60, 60],
        [180, 60, 60],
        [240, 60, 60],
      ],
      since: 0,
      code: 'OK',
      reason: /caught up/,
    },
    {
      name: 'a zero lag within the window keeps it OK',
      rows: [
        [0, 10, 10],
        [10, 10, 20],
        [20, 15, 30],
        [30, 20, 40],
      ],
      code: 'OK',
      reason: /was caught up within the window/,
    },
    {
      name: 'REWIND: went back and did not recover',
      rows: [
        [0, 100, 120],
        [10, 110, 130],
        [20, 20, 140],
      ],
      code: 'REWIND',
      reason: /^committed offset went back from 110 to 20 and has not recovered; lag is 120$/,
    },
    {
      name: 'rewind that recovered is not REWIND',
      rows: [
        [0, 100, 120],
        [10, 20, 130],
        [20, 90, 140],
        [30, 125, 150],
      ],
      code: 'OK',
      reason: /falling/,
    },
    {
      name: 'rewind with zero lag now is OK',
      rows: [
        [0, 100, 100],
        [10, 50, 100],
        [20, 100, 100],
      ],
      code: 'OK',
      reason: /caught up/,
    },
  ])('$name → $code', ({ rows, since, code, reason }) => {
    const status = evaluatePartition(window(rows, since), opts);
    expect(status.code).toBe(code);
    expect(status.reason).toMatch(reason);
  });
});

describe('evaluateGroup (worst partition wins)', () => {
  const p = (code: GroupStatusCode, partition = 0): PartitionStatus => ({
    topic: 't',
    partition,
    code,
    reason: `r${partition}`,
  });
  it.each<{
    name: string;
    reachable?: boolean;
    members?: number;
    lag?: number | null;
    parts: PartitionStatus[];
    code: GroupStatusCode;
    reason: RegExp;
  }>([
    {
      name: 'unreachable',
      reachable: false,
      parts: [p('OK')],
      code: 'UNKNOWN',
      reason: /unreachable; lag unknown/,
    },
    {
      name: 'no members',
      members: 0,
      lag: 600,
      parts: [p('STOP')],
      code: 'EMPTY',
      reason: /no members and is 600 messages behind/,
    },
    {
      name: 'no members, lag unknown',
      members: 0,
      lag: null,
      parts: [],
      code: 'EMPTY',
      reason: /^the group has no members$/,
    },
    {
      name: 'all OK',
      lag: 3,
      parts: [p('OK'), p('OK', 1)],
      code: 'OK',
      reason: /consuming; lag 3/,
    },
    {
      name: 'worst wins',
      parts: [p('WARN', 0), p('STOP', 1), p('STALL', 2), p('STOP', 3)],
      code: 'STOP',
      reason: /^t\/1: r1 \(and 1 more partition\)$/,
    },
    {
      name: 'REWIND beats WARN',
      parts: [p('WARN', 0), p('REWIND', 1)],
      code: 'REWIND',
      reason: /^t\/1: r1$/,
    },
    { name: 'no partitions', parts: [], code: 'OK', reason: /no committed offsets yet/ },
  ])('$name → $code', ({ reachable, members, lag, parts, code, reason }) => {
    const status = evaluateGroup({
      reachable: reachable ?? true,
      memberCount: members ?? 1,
      lagMessages: lag ?? null,
      partitions: parts,
    });
    expect(status.code).toBe(code);
    expect(status.reason).toMatch(reason);
  });
});

describe('StatusWindows', () => {
  it('slides, tracks when the committed offset last changed, and forgets what disappears', () => {
    const windows = new StatusWindows(3);
    const obs = (committed: string) => [
      { topic: 't', partition: 0, committed, end: '100', lag: 100 - Number(committed) },
    ];
    windows.push('g', 1000, obs('10'));
    windows.push('g', 2000, obs('20'));
    windows.push('g', 3000, obs('20'));
    const [w] = windows.push('g', 4000, obs('20'));
    expect(w?.samples.map((s) => s.atMs)).toEqual([2000, 3000, 4000]);
    expect(w?.committedSinceMs).toBe(2000);
    windows.retain(new Set());
    const [fresh] = windows.push('g', 5000, obs('20'));
    expect(fresh?.samples).toHaveLength(1);
  });
});
