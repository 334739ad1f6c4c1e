import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HandledIndex } from './handled-cache';

const add = (index: HandledIndex, partition: number, offsets: number[]) =>
  index.add(
    'c',
    't',
    offsets.map((o) => ({ partition, offset: String(o) })),
  );

describe('handled dead letters in memory', () => {
  it('counts handled records, inside the log when its offsets are given', () => {
    const index = new HandledIndex();
    add(index, 0, [0, 1, 2, 3, 10, 11]);
    add(index, 1, [5]);
    add(index, 0, [2, 3]); // already handled: nothing counts twice
    expect(index.count('c', 't')).toBe(7);
    const log = new Map([
      [0, { start: '2', end: '11' }],
      [1, { start: '0', end: '100' }],
    ]);
    expect(index.count('c', 't', log)).toBe(4);
    expect(index.count('c', 'other')).toBe(0);
  });

  it('finds the first offset not handled', () => {
    const index = new HandledIndex();
    add(index, 0, [3, 4, 5, 0, 1, 2, 8]);
    expect(index.firstUnhandled('c', 't', 0, '0')).toBe('6');
    expect(index.firstUnhandled('c', 't', 0, '6')).toBe('6');
    expect(index.firstUnhandled('c', 't', 0, '8')).toBe('9');
    expect(index.firstUnhandled('c', 't', 1, '4')).toBe('4');
  });

  it('loads runs from the store', () => {
    const index = new HandledIndex();
    index.load([
      { cluster: 'c', topic: 't', partition: 0, from: '10', to: '20' },
      { cluster: 'c', topic: 't', partition: 0, from: '0', to: '5' },
    ]);
    expect(index.count('c', 't')).toBe(15);
    expect(index.firstUnhandled('c', 't', 0, '0')).toBe('5');
    add(index, 0, [5, 6, 7, 8, 9]);
    expect(index.firstUnhandled('c', 't', 0, '0')).toBe('20');
  });

  it('agrees with a plain set (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 200 }),
        (offsets, start) => {
          const index = new HandledIndex();
          add(index, 0, offsets);
          const set = new Set(offsets);
          expect(index.count('c', 't')).toBe(set.size);
          let first = start;
          while (set.has(first)) first++;
          expect(index.firstUnhandled('c', 't', 0, String(start))).toBe(String(first));
          expect(index.count('c', 't', new Map([[0, { start: String(start), end: '150' }]]))).toBe(
            [...set].filter((o) => o >= start && o < 150).length,
          );
        },
      ),
    );
  });
});
