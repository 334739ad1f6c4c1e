import { describe, expect, it } from 'vitest';
import { GroupListQuerySchema } from '@eventscope/shared';
import { makeGroup, makeSnapshot } from '../../testing/snapshots';
import { createLatestSnapshots, getGroup, listDlqs, listGroups, listTopics } from './latest';

const latest = createLatestSnapshots();
latest.set(
  makeSnapshot('2026-11-25T12:00:00Z', [
    makeGroup('payments', 600, 90, 'STALL'),
    makeGroup('shipping', 10, 2, 'OK'),
    makeGroup('audit', null, null, 'EMPTY'),
    makeGroup('billing', 0, 0, 'OK'),
  ]),
);
const list = (query: Record<string, string>) =>
  listGroups(latest, GroupListQuerySchema.parse(query));

describe('listGroups', () => {
  it('sorts by lag seconds, worst first, with unknown lag last', () => {
    expect(list({}).items.map((g) => g.group)).toEqual([
      'payments',
      'shipping',
      'billing',
      'audit',
    ]);
  });

  it('keeps unknown lag last when sorting ascending too', () => {
    expect(list({ sort: 'lagMessages', order: 'asc' }).items.map((g) => g.group)).toEqual([
      'billing',
      'shipping',
      'payments',
      'audit',
    ]);
  });

  it('filters by status and text, and pages', () => {
    expect(list({ status: 'STALL,EMPTY' }).items.map((g) => g.group)).toEqual([
      'payments',
      'audit',
    ]);
    expect(list({ q: 'PAY' }).items.map((g) => g.group)).toEqual(['payments']);
    expect(list({ limit: '1', offset: '1' })).toMatchObject({
      total: 4,
      items: [{ group: 'shipping' }],
    });
  });
});

describe('current views', () => {
  it('answers one group, topics with their DLQs and groups, and DLQs by depth', () => {
    expect(getGroup(latest, 'c1', 'payments').partitions[0]?.committedOffset).toBe('400');
    expect(() => getGroup(latest, 'c1', 'nope')).toThrow(/not found/);
    expect(listTopics(latest, {})[0]).toMatchObject({
      topic: 'orders',
      dlqs: ['orders.DLQ'],
      consumerGroups: ['payments', 'shipping', 'audit', 'billing'],
    });
    expect(listDlqs(latest, {})).toEqual([
      expect.objectContaining({ topic: 'orders.DLQ', depth: 3 }),
    ]);
  });
});
