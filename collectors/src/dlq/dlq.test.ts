import { describe, expect, it } from 'vitest';
import { OffsetHistory } from '../lag/offset-history';
import { dlqDepth, inflowPerMinute, oldestAgeSeconds } from './depth';
import { groupErrorClasses, sourceTopicsFromHeaders } from './error-classes';
import { discoverDlqsByName, sourceOfDlqName } from './naming';

describe('DLQ naming', () => {
  it.each([
    ['orders-dlt', 'orders'],
    ['orders.DLT', 'orders'],
    ['orders.DLQ', 'orders'],
    ['orders-dlq', 'orders'],
    ['dlq-orders', 'orders'],
    ['orders-retry-0', null],
    ['dlq', null],
    ['-dlq', null],
    ['orders', null],
  ])('%s → %s', (topic, source) => {
    expect(sourceOfDlqName(topic)).toBe(source);
  });

  it('discovers by convention and by configured names and patterns', () => {
    const found = discoverDlqsByName(
      ['orders', 'orders.DLQ', 'payments-dlt', 'failed-things', 'poison.events', 'plain'],
      ['failed-things', /^poison\./],
    );
    expect(found).toEqual([
      { topic: 'failed-things', sourceTopics: [], discoveredBy: 'config' },
      { topic: 'orders.DLQ', sourceTopics: ['orders'], discoveredBy: 'name' },
      { topic: 'payments-dlt', sourceTopics: [], discoveredBy: 'name' },
      { topic: 'poison.events', sourceTopics: [], discoveredBy: 'config' },
    ]);
  });
});

describe('DLQ depth, age and inflow', () => {
  it.each([
    {
      name: 'sums partitions',
      parts: [
        { start: '0', end: '10' },
        { start: '5', end: '7' },
      ],
      handled: 0,
      depth: 12,
    },
    { name: 'minus handled', parts: [{ start: '0', end: '10' }], handled: 4, depth: 6 },
    { name: 'never below zero', parts: [{ start: '0', end: '10' }], handled: 40, depth: 0 },
    { name: 'retention moved start', parts: [{ start: '90', end: '100' }], handled: 0, depth: 10 },
    { name: 'empty', parts: [], handled: 0, depth: 0 },
  ])('$name', ({ parts, handled, depth }) => {
    expect(dlqDepth(parts, handled)).toBe(depth);
  });

  it('oldest age is 0 when empty, null when unknown, else from the oldest timestamp', () => {
    expect(oldestAgeSeconds(0, [null], 10_000)).toBe(0);
    expect(oldestAgeSeconds(3, [null], 10_000)).toBeNull();
    expect(oldestAgeSeconds(3, [4_000, null, 1_000], 10_000)).toBe(9);
  });

  it('inflow per minute from end-offset history', () => {
    const a = new OffsetHistory();
    a.record(0, 0n);
    a.record(30_000, 10n);
    const b = new OffsetHistory();
    b.record(0, 5n);
    b.record(30_000, 10n);
    expect(inflowPerMinute([a, b, undefined], 60_000)).toBe(30);
    expect(inflowPerMinute([new OffsetHistory()], 60_000)).toBeNull();
  });
});

describe('DLQ error classes', () => {
  it('groups by exception class with first and last seen', () => {
    const spring = (cls: string) => ({
      'kafka_dlt-exception-fqcn': cls,
      'kafka_dlt-original-topic': 'payments',
    });
    const records = [
      { timestampMs: 3000, headers: spring('a.Poison') },
      { timestampMs: 1000, headers: spring('a.Poison') },
      {
        timestampMs: 2000,
        headers: {
          '__connect.errors.exception.class.name': 'b.Data',
          '__connect.errors.topic': 'orders',
        },
      },
      { timestampMs: 4000, headers: undefined },
    ];
    expect(groupErrorClasses(records)).toEqual([
      {
        class: 'a.Poison',
        count: 2,
        firstSeen: '1970-01-01T00:00:01.000Z',
        lastSeen: '1970-01-01T00:00:03.000Z',
      },
      {
        class: 'b.Data',
        count: 1,
        firstSeen: '1970-01-01T00:00:02.000Z',
        lastSeen: '1970-01-01T00:00:02.000Z',
      },
      {
        class: 'unknown',
        count: 1,
        firstSeen: '1970-01-01T00:00:04.000Z',
        lastSeen: '1970-01-01T00:00:04.000Z',
      },
    ]);
    expect(sourceTopicsFromHeaders(records)).toEqual(['orders', 'payments']);
  });
});
