import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/fakeEventSource';
import { renderApp } from '../test/render';

describe('Layout', () => {
  beforeEach(() => {
    // The shell renders without an api: health never answers here.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>(() => undefined)),
    );
  });

  it('keeps cluster and range, and only those, when following nav links', async () => {
    renderApp('/?cluster=local&range=6h&q=orders');
    const link = await screen.findByRole('link', { name: 'Topics' });
    expect(link.getAttribute('href')).toBe('/topics?cluster=local&range=6h');
  });

  it('writes the time range to the URL, leaving the default out', async () => {
    const { router } = renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: '15 m' }));
    expect(router.state.location.search).toBe('?range=15m');
    expect(screen.getByRole('button', { name: '15 m' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '1 h' }));
    expect(router.state.location.search).toBe('');
  });

  it('shows the stream state in the header', async () => {
    renderApp('/');
    const indicator = await screen.findByRole('status');
    expect(indicator.textContent).toBe('Reconnecting');
    act(() => FakeEventSource.latest().open());
    expect(indicator.textContent).toBe('Live');
  });

  it('toggles the theme and remembers the choice', async () => {
    renderApp('/');
    const button = await screen.findByRole('button', { name: /Dark|Light/ });
    const before = document.documentElement.dataset.theme;
    fireEvent.click(button);
    const after = document.documentElement.dataset.theme;
    expect(after).not.toBe(before);
    expect(window.localStorage.getItem('eventscope.theme')).toBe(after);
  });
});
