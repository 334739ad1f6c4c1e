import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CursorError, decodeCursor, encodeCursor } from './cursor';

describe('browse cursor', () => {
  it('round-trips positions and order', () => {
    const cursor = {
      order: 'newest' as const,
      positions: new Map([
        [0, '12'],
        [3, '9223372036854775807'],
      ]),
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('round-trips any positions (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('newest' as const, 'oldest' as const),
        fc.dictionary(
          fc.integer({ min: 0, max: 100_000 }).map(String),
          fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
        ),
        (order, dict) => {
          const positions = new Map(Object.entries(dict).map(([p, o]) => [Number(p), o]));
          expect(decodeCursor(encodeCursor({ order, positions }))).toEqual({ order, positions });
        },
      ),
    );
  });

  it.each([
    ['not base64url', 'a b'],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['wrong version', Buffer.from('{"v":2,"o":"newest","p":{}}').toString('base64url')],
    ['bad order', Buffer.from('{"v":1,"o":"up","p":{}}').toString('base64url')],
    ['negative offset', Buffer.from('{"v":1,"o":"newest","p":{"0":"-1"}}').toString('base64url')],
    ['numeric offset', Buffer.from('{"v":1,"o":"newest","p":{"0":5}}').toString('base64url')],
    ['bad partition', Buffer.from('{"v":1,"o":"newest","p":{"x":"5"}}').toString('base64url')],
    [
      'over int64',
      Buffer.from('{"v":1,"o":"newest","p":{"0":"9223372036854775808"}}').toString('base64url'),
    ],
    ['an array', Buffer.from('[]').toString('base64url')],
    ['empty', ''],
  ])('rejects %s', (_what, text) => {
    expect(() => decodeCursor(text)).toThrow(CursorError);
  });
});
