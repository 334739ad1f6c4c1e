import { describe, expect, it } from 'vitest';
import { parseBrowse, replayProgressSearch } from './url';

describe('DLQ page URL', () => {
  it('reads the browse state, dropping what is malformed', () => {
    expect(
      parseBrowse(
        new URLSearchParams(
          'order=oldest&partition=3&offset=9007199254740993&at=2026-01-02T03:04:05Z&error=x.Y&key=k&handled=0',
        ),
      ),
    ).toEqual({
      order: 'oldest',
      partition: 3,
      offset: '9007199254740993',
      at: '2026-01-02T03:04:05.000Z',
      errorClass: 'x.Y',
      key: 'k',
      includeHandled: false,
    });
    expect(
      parseBrowse(new URLSearchParams('order=sideways&partition=-1&offset=5&at=yesterday')),
    ).toEqual({
      order: 'newest',
      partition: null,
      offset: null,
      at: null,
      errorClass: null,
      key: null,
      includeHandled: true,
    });
  });

  it('links to a replay’s progress keeping the rest of the view', () => {
    expect(replayProgressSearch('r-1', '?range=1h&replay=old')).toBe('?range=1h&replay=r-1');
    expect(replayProgressSearch('r-2')).toBe('?replay=r-2');
  });
});
