import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { stubApi } from '../test/stubApi';
import {
  dlqMessageKeys,
  messageId,
  messagesPath,
  parseMessageId,
  useDlqMessage,
  type MessageBrowse,
} from './useDlqMessages';
import { dlqMessage } from '../pages/dlqs/fixtures';

const all: MessageBrowse = {
  order: 'newest',
  partition: null,
  offset: null,
  at: null,
  errorClass: null,
  key: null,
  includeHandled: true,
};

describe('useDlqMessages', () => {
  it('keys the dead letters under the SSE resource "dlqs"', () => {
    expect(dlqMessageKeys.page('local', 'd', all)[0]).toBe('dlqs');
    expect(dlqMessageKeys.one('local', 'd', 0, '1')[0]).toBe('dlqs');
  });

  it('writes only what narrows the browse into the query string', () => {
    expect(messagesPath('local', 'payments-dlt', all, null)).toBe(
      '/api/dlqs/local/payments-dlt/messages?limit=50&order=newest',
    );
    expect(
      messagesPath(
        'local',
        'a b',
        {
          order: 'oldest',
          partition: 2,
          offset: '9007199254740993',
          at: '2026-01-02T03:04:05.000Z',
          errorClass: 'x.Y',
          key: 'k&1',
          includeHandled: false,
        },
        'c1',
        10,
      ),
    ).toBe(
      '/api/dlqs/local/a%20b/messages?limit=10&cursor=c1&order=oldest&partition=2&offset=9007199254740993&at=2026-01-02T03%3A04%3A05.000Z&errorClass=x.Y&key=k%261&includeHandled=false',
    );
    // An offset means nothing without its partition.
    expect(messagesPath('l', 'd', { ...all, offset: '5' }, null)).not.toContain('offset');
  });

  it('round-trips record ids and refuses malformed ones', () => {
    expect(messageId({ partition: 3, offset: '9007199254740993' })).toBe('3-9007199254740993');
    expect(parseMessageId('3-9007199254740993')).toEqual({
      partition: 3,
      offset: '9007199254740993',
    });
    expect(parseMessageId('3-')).toBeNull();
    expect(parseMessageId('x-1')).toBeNull();
    expect(parseMessageId(null)).toBeNull();
  });

  it('finds one record by partition and offset, null when it is gone', async () => {
    const { calls } = stubApi({
      'GET /api/dlqs/local/d/messages': {
        messages: [dlqMessage({ partition: 1, offset: '8' })],
        nextCursor: null,
        partitions: [],
      },
    });
    function One({ offset }: { offset: string }) {
      const q = useDlqMessage('local', 'd', { partition: 1, offset }, true);
      return <p data-testid={offset}>{q.isPending ? '…' : q.data ? q.data.offset : 'gone'}</p>;
    }
    renderWithProviders(
      <>
        <One offset="7" />
        <One offset="8" />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('8').textContent).toBe('8'));
    await waitFor(() => expect(screen.getByTestId('7').textContent).toBe('gone'));
    expect(calls.map((c) => c.url)).toContain(
      '/api/dlqs/local/d/messages?limit=1&order=oldest&partition=1&offset=7',
    );
  });
});
