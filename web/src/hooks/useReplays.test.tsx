import type { Replay } from '@eventscope/shared';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { replay } from '../pages/dlqs/fixtures';
import { FakeEventSource } from '../test/fakeEventSource';
import { renderWithProviders } from '../test/render';
import { json, stubApi } from '../test/stubApi';
import { useDlqMessages } from './useDlqMessages';
import { useEventStream } from './useEventStream';
import { replayKeys, useReplay, useReplayDryRun, useReplays } from './useReplays';

const browse = {
  order: 'newest' as const,
  partition: null,
  offset: null,
  at: null,
  errorClass: null,
  key: null,
  includeHandled: true,
};

function Live({ id }: { id: string }) {
  useEventStream();
  const one = useReplay(id);
  useDlqMessages('local', 'payments-dlt', browse);
  return <p data-testid="status">{one.data?.status ?? 'loading'}</p>;
}

describe('useReplays', () => {
  it('keys every replay query under the SSE resource "replays"', () => {
    expect(replayKeys.list({ cluster: 'local' })[0]).toBe('replays');
    expect(replayKeys.detail('r-1')[0]).toBe('replays');
    expect(replayKeys.dryRun('local', 'd', { selection: { all: true } })[0]).toBe('replays');
  });

  it('refetches a replay and the dead letters when a replay event arrives', async () => {
    let current: Replay = replay({ status: 'running' });
    const { calls } = stubApi({
      'GET /api/replays/r-1': () => json(current),
      'GET /api/dlqs/local/payments-dlt/messages': {
        messages: [],
        nextCursor: null,
        partitions: [],
      },
    });
    renderWithProviders(<Live id="r-1" />);
    act(() => FakeEventSource.latest().open());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('running'));
    const before = calls.filter((c) => c.url.startsWith('/api/dlqs/')).length;

    current = replay({ status: 'completed', rate: null, etaSeconds: null });
    act(() => FakeEventSource.latest().emit({ type: 'replay', keys: [['replays'], ['dlqs']] }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('completed'));
    await waitFor(() =>
      expect(calls.filter((c) => c.url.startsWith('/api/dlqs/')).length).toBeGreaterThan(before),
    );
  });

  it('lists replays with the filters in the query string', async () => {
    const { calls } = stubApi({ 'GET /api/replays': [replay()] });
    function List() {
      const { data } = useReplays({
        cluster: 'local',
        dlq: 'payments-dlt',
        status: null,
        limit: 5,
      });
      return <p data-testid="n">{data?.length ?? '…'}</p>;
    }
    renderWithProviders(<List />);
    await waitFor(() => expect(screen.getByTestId('n').textContent).toBe('1'));
    expect(calls[0]?.url).toBe('/api/replays?cluster=local&dlq=payments-dlt&limit=5');
  });

  it('posts a dry run as a query and reports a contract break', async () => {
    const { calls } = stubApi({
      'POST /api/dlqs/local/payments-dlt/replays': { dryRun: true, counts: 'many' },
    });
    function Dry() {
      const q = useReplayDryRun('local', 'payments-dlt', { selection: { all: true } });
      return <p data-testid="q">{q.isError ? q.error.message : q.data ? 'ok' : '…'}</p>;
    }
    renderWithProviders(<Dry />);
    await waitFor(() => expect(screen.getByTestId('q').textContent).toMatch(/Unexpected answer/));
    expect(calls[0]?.body).toEqual({ selection: { all: true }, dryRun: true });
  });
});
