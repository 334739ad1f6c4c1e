import type { Role } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getCsrfToken } from '../api/csrf';
import { renderApp, renderWithProviders } from '../test/render';
import { anonymousSession, apiError, json, sessionAs, stubApi } from '../test/stubApi';
import { RequireRole } from './RequireRole';

function Controls() {
  return (
    <>
      <p>Lag table</p>
      <RequireRole role="operator">
        <button type="button">Replay</button>
      </RequireRole>
      <RequireRole role="admin" fallback={<span>Ask an admin</span>}>
        <button type="button">Edit rule</button>
      </RequireRole>
    </>
  );
}

const visible = (name: string) => screen.queryByRole('button', { name }) !== null;

describe('RequireRole', () => {
  it.each<[Role, boolean, boolean]>([
    ['viewer', false, false],
    ['operator', true, false],
    ['admin', true, true],
  ])('%s: replay %s, edit rule %s', async (role, replay, edit) => {
    stubApi({ 'GET /api/session': sessionAs(role) });
    renderWithProviders(<Controls />);
    await screen.findByText('Lag table');
    await waitFor(() => expect(getCsrfToken()).toBe(`csrf-${role}`));
    expect(visible('Replay')).toBe(replay);
    expect(visible('Edit rule')).toBe(edit);
    expect(screen.queryByText('Ask an admin') !== null).toBe(!edit);
  });

  it('shows nothing role-bound while the session loads', () => {
    stubApi({});
    renderWithProviders(<Controls />);
    expect(visible('Replay')).toBe(false);
  });
});

describe('header and nav by session', () => {
  it('shows the signed-in user with role and the admin-only Access link', async () => {
    stubApi({ 'GET /api/session': sessionAs('admin', 'Alice') });
    renderApp('/');
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('Alice')).toBeTruthy();
    expect(within(banner).getByText('admin')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings · Access' })).toBeTruthy();
  });

  it('hides the Access link from a viewer', async () => {
    stubApi({ 'GET /api/session': sessionAs('viewer', 'Val') });
    renderApp('/');
    await within(screen.getByRole('banner')).findByText('Val');
    expect(screen.queryByRole('link', { name: 'Settings · Access' })).toBeNull();
  });

  it('says read-only when anonymous and links to sign in with next', async () => {
    stubApi({ 'GET /api/session': anonymousSession });
    renderApp('/topics?range=6h');
    expect(await screen.findByText('Read-only (anonymous)')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe(
      `/sign-in?next=${encodeURIComponent('/topics?range=6h')}`,
    );
  });

  it('signs out with the CSRF token and lands on the sign-in page', async () => {
    let signedIn = true;
    const { calls } = stubApi({
      'GET /api/session': () =>
        signedIn ? json(sessionAs('operator', 'Olga')) : apiError(401, 'unauthenticated', 'no'),
      'DELETE /api/session': () => {
        signedIn = false;
        return json(null, 204);
      },
    });
    const { router } = renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    const del = calls.find((c) => c.method === 'DELETE');
    expect(del?.headers['x-csrf-token']).toBe('csrf-operator');
    await waitFor(() => expect(getCsrfToken()).toBe(''));
  });
});
