import type { Token } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { apiError, json, sessionAs, stubApi, type Call } from '../../test/stubApi';

const SECRET = 'es_live_4f9c2b7d1e';

const ciToken: Token = {
  id: '0f4c7a6e-1111-4222-8333-944455556666',
  name: 'ci-deploy',
  role: 'operator',
  createdAt: new Date(Date.now() - 86_400_000).toISOString(),
  createdBy: 'bootstrap',
  lastUsedAt: null,
};

function accessApi(extra: Record<string, (call: Call) => Response> = {}) {
  const tokens: Token[] = [ciToken];
  return stubApi({
    'GET /api/session': sessionAs('admin', 'root'),
    'GET /api/tokens': () => json(tokens),
    'GET /api/users': () => json([]),
    'POST /api/tokens': (call) => {
      const body = call.body as { name: string; role: Token['role'] };
      const created = { ...ciToken, id: 'new-id', ...body, createdBy: 'user:root' };
      tokens.push(created);
      return json({ ...created, token: SECRET }, 201);
    },
    ...extra,
  });
}

describe('AccessPage', () => {
  it('lists tokens with who created them and when they were last used', async () => {
    accessApi();
    renderApp('/settings/access');
    const row = (await screen.findByText('ci-deploy')).closest('tr') as HTMLElement;
    expect(within(row).getByText('operator')).toBeTruthy();
    expect(within(row).getByText('bootstrap')).toBeTruthy();
    expect(within(row).getByText('never')).toBeTruthy();
  });

  it('shows a new token once, with a warning and a copy button', async () => {
    const { calls } = accessApi();
    renderApp('/settings/access');
    await screen.findByText('ci-deploy');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'grafana' } });
    fireEvent.change(screen.getAllByLabelText('Role')[0] as HTMLElement, {
      target: { value: 'viewer' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = (await screen.findByLabelText('Token secret')) as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(screen.getByText(/will not be shown again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ name: 'grafana', role: 'viewer' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-admin');
    // The list refreshes, without the secret.
    expect(await screen.findByText('grafana')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Token secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('asks before revoking, naming the token', async () => {
    const { calls } = accessApi({
      [`DELETE /api/tokens/${ciToken.id}`]: () => json(null, 204),
    });
    renderApp('/settings/access');
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke ci-deploy' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Revoke the token “ci-deploy”?')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke ci-deploy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'DELETE')?.headers['x-csrf-token']).toBe('csrf-admin');
  });

  it('validates a new user before sending and reports a taken username', async () => {
    const { calls } = accessApi({
      'POST /api/users': () => apiError(409, 'conflict', 'user exists'),
    });
    renderApp('/settings/access');
    const form = await screen.findByRole('form', { name: 'Create a user' });
    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'bob smith' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(within(form).getByText(/^Username must be 1-64 letters/)).toBeTruthy();
    expect(within(form).getByText('Password must be at least 12 characters')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/users' && c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'bob' } });
    fireEvent.change(within(form).getByLabelText('Password'), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await within(form).findByText('A user named bob already exists')).toBeTruthy();
  });

  it('explains to an operator that this is for admins', async () => {
    stubApi({ 'GET /api/session': sessionAs('operator') });
    renderApp('/settings/access');
    expect(await screen.findByText('Managing tokens and users is for the admin role')).toBeTruthy();
  });
});
