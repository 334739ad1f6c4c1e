import { useQuery } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/fakeEventSource';
import { renderWithProviders } from '../test/render';
import { backoffDelay, useEventStream } from './useEventStream';

function Probe() {
  const status = useEventStream({ initialDelayMs: 1_000, maxDelayMs: 8_000, offlineAfter: 3 });
  // Two cached queries so we can see which one an event invalidates.
  useQuery({ queryKey: ['consumer-groups', 'local'], queryFn: () => 'groups' });
  useQuery({ queryKey: ['dlqs', 'local'], queryFn: () => 'dlqs' });
  return <p data-testid="state">{status.state}</p>;
}

const state = () => screen.getByTestId('state').textContent;

describe('useEventStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // No jitter, so backoff delays are exact.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });

  it('is reconnecting until the stream opens, then live', () => {
    renderWithProviders(<Probe />);
    expect(state()).toBe('reconnecting');
    expect(FakeEventSource.latest().url).toBe('/api/stream');
    act(() => FakeEventSource.latest().open());
    expect(state()).toBe('live');
  });

  it('retries with growing delays and goes offline after repeated failures', () => {
    renderWithProviders(<Probe />);
    act(() => FakeEventSource.latest().fail());
    expect(state()).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);

    act(() => vi.advanceTimersByTime(1_000));
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => FakeEventSource.latest().fail());
    expect(state()).toBe('reconnecting');

    // The second delay is twice the first.
    act(() => vi.advanceTimersByTime(1_999));
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.instances).toHaveLength(3);
    act(() => FakeEventSource.latest().fail());
    expect(state()).toBe('offline');

    // Still retrying while offline, and live again once it opens.
    act(() => vi.advanceTimersByTime(4_000));
    act(() => FakeEventSource.latest().open());
    expect(state()).toBe('live');
  });

  it('invalidates the query keys an event names, and only those', () => {
    const { queryClient } = renderWithProviders(<Probe />);
    act(() => FakeEventSource.latest().open());
    const spy = vi.spyOn(queryClient, 'invalidateQueries');

    act(() => FakeEventSource.latest().emit({ type: 'lag', keys: [['consumer-groups']] }));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith({ queryKey: ['consumer-groups'] });
    expect(queryClient.getQueryState(['consumer-groups', 'local'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['dlqs', 'local'])?.isInvalidated).toBe(false);
  });

  it('refreshes the all-clusters views when one cluster changes', () => {
    const { queryClient } = renderWithProviders(<Probe />);
    act(() => FakeEventSource.latest().open());
    const spy = vi.spyOn(queryClient, 'invalidateQueries');
    act(() =>
      FakeEventSource.latest().emit({
        type: 'snapshot',
        keys: [['clusters'], ['consumer-groups', 'local'], ['consumer-groups', 'prod']],
      }),
    );
    expect(spy.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      ['clusters'],
      ['consumer-groups', 'local'],
      ['consumer-groups', '*'],
      ['consumer-groups', 'prod'],
    ]);
  });

  it('ignores malformed events', () => {
    const { queryClient } = renderWithProviders(<Probe />);
    act(() => FakeEventSource.latest().open());
    const spy = vi.spyOn(queryClient, 'invalidateQueries');
    act(() => FakeEventSource.latest().emit({ keys: 'nope' }));
    expect(spy).not.toHaveBeenCalled();
    expect(state()).toBe('live');
  });

  it('refetches everything after a gap, since events were missed', () => {
    const { queryClient } = renderWithProviders(<Probe />);
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().fail());
    const spy = vi.spyOn(queryClient, 'invalidateQueries');
    act(() => vi.advanceTimersByTime(1_000));
    act(() => FakeEventSource.latest().open());
    expect(spy).toHaveBeenCalledWith();
  });

  it('closes the stream on unmount', () => {
    const { unmount } = renderWithProviders(<Probe />);
    const source = FakeEventSource.latest();
    unmount();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('says offline where EventSource does not exist', () => {
    vi.stubGlobal('EventSource', undefined);
    renderWithProviders(<Probe />);
    expect(state()).toBe('offline');
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 30_000],
    [20, 30_000],
  ])('failure %i waits %i ms (no jitter)', (failures, expected) => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoffDelay(failures, 1_000, 30_000)).toBe(expected);
  });
});
