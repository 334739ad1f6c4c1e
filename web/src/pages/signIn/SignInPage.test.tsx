import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getCsrfToken } from '../../api/csrf';
import { renderApp } from '../../test/render';
import { apiError, sessionAs, stubApi } from '../../test/stubApi';

const signedOut = () => apiError(401, 'unauthenticated', 'sign in first');

async function typeToken(value: string) {
  const field = await screen.findByLabelText('API token');
  fireEvent.change(field, { target: { value } });
  return field;
}

describe('SignInPage', () => {
  it('signs in with a token and goes back to where the user was', async () => {
    const { calls } = stubApi({
      'GET /api/session': signedOut,
      'POST /api/session': sessionAs('operator', 'alice'),
    });
    const { router } = renderApp('/sign-in?next=%2Fdlqs%3Fcluster%3Dlocal');
    const field = await typeToken(' es_secret ');
    // The page focuses the token field once it has mounted.
    await waitFor(() => expect(document.activeElement).toBe(field));
    fireEvent.submit(field.closest('form') as HTMLFormElement);

    await waitFor(() => expect(router.state.location.pathname).toBe('/dlqs'));
    expect(router.state.location.search).toBe('?cluster=local');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ token: 'es_secret' });
    expect(getCsrfToken()).toBe('csrf-operator');
  });

  it('signs in with a username and password', async () => {
    const { calls } = stubApi({
      'GET /api/session': signedOut,
      'POST /api/session': sessionAs('viewer', 'bob'),
    });
    const { router } = renderApp('/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Username and password' }));
    const username = screen.getByLabelText('Username');
    await waitFor(() => expect(document.activeElement).toBe(username));
    fireEvent.change(username, { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'hunter2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'bob',
      password: 'hunter2',
    });
  });

  it('says the credentials are wrong and puts the focus back on the secret', async () => {
    stubApi({
      'GET /api/session': signedOut,
      'POST /api/session': () => apiError(401, 'unauthenticated', 'invalid credentials'),
    });
    const { router } = renderApp('/sign-in?next=%2Faudit');
    const field = await typeToken('nope');
    fireEvent.submit(field.closest('form') as HTMLFormElement);

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Wrong username, password or token',
    );
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('says how long to wait after too many attempts', async () => {
    stubApi({
      'GET /api/session': signedOut,
      'POST /api/session': () =>
        apiError(429, 'rate_limited', 'too many sign-in attempts', { 'retry-after': '37' }),
    });
    renderApp('/sign-in');
    const field = await typeToken('again');
    fireEvent.submit(field.closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts, try again in 37 s',
    );
  });

  it('never follows a next that leaves the site', async () => {
    stubApi({ 'GET /api/session': signedOut, 'POST /api/session': sessionAs('viewer') });
    const { router } = renderApp('/sign-in?next=%2F%2Fevil.example%2Fx');
    const field = await typeToken('t');
    fireEvent.submit(field.closest('form') as HTMLFormElement);
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('tells a fresh install where the first token comes from', async () => {
    stubApi({ 'GET /api/session': signedOut });
    renderApp('/sign-in');
    expect(await screen.findByText(/one-time bootstrap token/)).toBeTruthy();
    expect(screen.getByText('EVENTSCOPE_ADMIN_TOKEN')).toBeTruthy();
  });
});
