import type { AuditEntry } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { anonymousSession, json, sessionAs, stubApi, type Call } from '../../test/stubApi';

function entry(id: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: String(id),
    at: new Date(Date.now() - id * 60_000).toISOString(),
    actor: 'user:alice',
    action: 'token.create',
    target: `token-${id}`,
    outcome: 'success',
    source: '10.0.0.7',
    details: { role: 'viewer' },
    ...overrides,
  };
}

/** Newest page first; `before` pages to the second one. */
function auditApi(call: Call) {
  const url = new URL(call.url, 'http://x');
  if (url.searchParams.get('before') === '2') {
    return json({
      entries: [entry(3, { outcome: 'denied', actor: 'anonymous' })],
      nextCursor: null,
    });
  }
  return json({
    entries: [entry(1), entry(2, { outcome: 'failure', action: 'user.create' })],
    nextCursor: '2',
  });
}

describe('AuditPage', () => {
  it('renders entries with outcome words and loads older ones', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/audit': auditApi,
    });
    renderApp('/audit');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByText('token-1')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('success')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('failure')).toBeTruthy();
    const time = within(rows[1] as HTMLElement).getByText('1 m ago');
    expect(time.getAttribute('title')).toContain('UTC');

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    expect(await screen.findByText('denied')).toBeTruthy();
    expect(calls.some((c) => c.url.includes('before=2'))).toBe(true);
    expect(screen.getByText('Start of the log')).toBeTruthy();
  });

  it('keeps the filters in the URL and sends them to the api', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/audit': auditApi,
    });
    const { router } = renderApp('/audit?range=6h');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'token.revoke' } });
    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: 'user:bob' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));

    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('action')).toBe('token.revoke');
    expect(params.get('actor')).toBe('user:bob');
    expect(params.get('range')).toBe('6h');
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes('action=token.revoke&actor=user%3Abob'))).toBe(true),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(router.state.location.search).toBe('?range=6h');
    expect((screen.getByLabelText('Action') as HTMLInputElement).value).toBe('');
  });

  it('reads filters from a pasted link', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/audit': auditApi,
    });
    renderApp('/audit?actor=user%3Aalice');
    await screen.findByRole('table');
    expect((screen.getByLabelText('Actor') as HTMLInputElement).value).toBe('user:alice');
    expect(calls.find((c) => c.url.startsWith('/api/audit'))?.url).toBe(
      '/api/audit?limit=100&actor=user%3Aalice',
    );
  });

  it('explains to a viewer instead of failing, and never asks the api', async () => {
    const { calls } = stubApi({ 'GET /api/session': sessionAs('viewer', 'Val') });
    renderApp('/audit');
    expect(await screen.findByText('The audit log is for the admin role')).toBeTruthy();
    expect(within(screen.getByRole('main')).getByText('Val')).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/audit'))).toBe(false);
  });

  it('offers sign in to an anonymous visitor', async () => {
    stubApi({ 'GET /api/session': anonymousSession });
    renderApp('/audit');
    await screen.findByText('The audit log is for the admin role');
    expect(screen.getAllByRole('link', { name: 'Sign in' }).length).toBeGreaterThan(0);
  });
});
