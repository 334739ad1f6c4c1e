import { describe, expect, it } from 'vitest';
import {
  decodeCounters,
  encodeCounters,
  METADATA_MAX_CHARS,
  sumCounters,
} from './progress-metadata';
import { emptyCounters } from './types';

describe('counters in offset metadata', () => {
  it('round-trip', () => {
    const c = {
      matched: 10,
      replayed: 7,
      skipped: { loopGuard: 1, handled: 1, noTarget: 1 },
      counts: { payments: 5, orders: 2 },
    };
    expect(decodeCounters(encodeCounters(c))).toEqual(c);
  });

  it('drop per-target counts rather than exceed the metadata limit', () => {
    const counts = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`topic-with-a-long-name-${i}`, i]),
    );
    const c = { ...emptyCounters(), matched: 5, replayed: 5, counts };
    const text = encodeCounters(c);
    expect(text.length).toBeLessThanOrEqual(METADATA_MAX_CHARS);
    expect(decodeCounters(text)).toMatchObject({ matched: 5, replayed: 5, counts: {} });
  });

  it.each([null, '', 'x', '{"v":2}', '[1]', '{"v":1,"m":-3,"r":"7"}'])(
    'foreign or malformed metadata %j → zero counters',
    (text) => {
      const c = decodeCounters(text);
      expect(c.matched).toBe(0);
      expect(c.replayed).toBe(0);
    },
  );

  it('sum over partitions', () => {
    const a = { ...emptyCounters(), matched: 2, replayed: 2, counts: { t: 2 } };
    const b = { ...emptyCounters(), matched: 3, replayed: 1, counts: { t: 1, u: 0 } };
    expect(sumCounters([a, b])).toMatchObject({ matched: 5, replayed: 3, counts: { t: 3, u: 0 } });
  });
});
