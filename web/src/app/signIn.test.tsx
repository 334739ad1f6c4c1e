import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render';
import { apiError, sessionAs, stubApi } from '../test/stubApi';
import { safeNext, signInPath } from './signIn';

describe('safeNext', () => {
  it.each([
    ['/dlqs?cluster=local', '/dlqs?cluster=local'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in?next=%2F', '/'],
  ])('%s → %s', (raw, expected) => expect(safeNext(raw)).toBe(expected));

  it('round-trips through signInPath', () => {
    const url = new URL(signInPath('/audit?actor=user:alice&action=x'), 'http://x');
    expect(url.pathname).toBe('/sign-in');
    expect(safeNext(url.searchParams.get('next'))).toBe('/audit?actor=user:alice&action=x');
  });
});

describe('401 handling', () => {
  it('sends the user to sign in, with next, when any query answers 401', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      // The session was revoked between two requests.
      'GET /api/audit': () => apiError(401, 'unauthenticated', 'session expired'),
    });
    const { router } = renderApp('/audit?action=token.create');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.search).toBe(
      `?next=${encodeURIComponent('/audit?action=token.create')}`,
    );
    // The session is asked again rather than trusted.
    await waitFor(() =>
      expect(calls.filter((c) => c.url === '/api/session').length).toBeGreaterThan(1),
    );
    expect(await screen.findByLabelText('API token')).toBeTruthy();
  });

  it('sends a signed-out visitor to sign in when the api allows no anonymous reads', async () => {
    stubApi({ 'GET /api/session': () => apiError(401, 'unauthenticated', 'sign in') });
    const { router } = renderApp('/topics?cluster=local');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(
      '/topics?cluster=local',
    );
  });
});
