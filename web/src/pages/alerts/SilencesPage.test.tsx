import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi } from '../../test/stubApi';
import { PAGE_LOAD, silence } from './testFixtures';

const expired = silence({
  id: 's-old',
  status: 'expired',
  matchers: [{ label: 'cluster', op: '=~', value: 'prod-.*' }],
  endsAt: new Date(Date.now() - 3_600_000).toISOString(),
  comment: 'maintenance',
});

describe('SilencesPage', () => {
  it('lists silences by status; an operator expires one after confirming', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('operator'),
      'GET /api/silences': [expired, silence()],
      'DELETE /api/silences/s-1': () => json(null, 204),
    });
    renderApp('/alerts/silences');
    const active = await screen.findByRole('table', { name: 'Active silences' }, PAGE_LOAD);
    expect(within(active).getByText('group=payments')).toBeTruthy();
    expect(within(active).getByText('payments deploy')).toBeTruthy();
    const old = screen.getByRole('table', { name: 'Expired silences' });
    expect(within(old).getByText('cluster=~"prod-.*"')).toBeTruthy();
    // Nothing left to expire on an expired one.
    expect(within(old).queryByRole('button')).toBeNull();

    fireEvent.click(
      await within(active).findByRole('button', { name: 'Expire silence group=payments' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Expire silence' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/silences/s-1');
  });

  it('offers viewers no way to create or expire', async () => {
    stubApi({ 'GET /api/session': sessionAs('viewer'), 'GET /api/silences': [silence()] });
    renderApp('/alerts/silences');
    await screen.findByRole('table', { name: 'Active silences' }, PAGE_LOAD);
    await screen.findByText('viewer-user');
    expect(screen.queryByRole('button', { name: /Expire|New silence/ })).toBeNull();
  });
});
