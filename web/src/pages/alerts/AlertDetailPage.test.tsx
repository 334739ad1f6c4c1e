import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { apiError, json, sessionAs, stubApi } from '../../test/stubApi';
import { alert, PAGE_LOAD, rule } from './testFixtures';

describe('AlertDetailPage', () => {
  it('explains one alert and links to the view behind it', async () => {
    const acked = alert({
      annotations: { summary: 'payments is 72 s behind', runbookUrl: 'https://wiki/lag' },
      acknowledged: { by: 'olga', at: new Date().toISOString(), comment: 'on it' },
      url: `${window.location.origin}/groups/local/payments?range=15m`,
    });
    const { calls } = stubApi({
      'GET /api/session': sessionAs('operator'),
      'GET /api/alerts/a-lag-payments': acked,
      'GET /api/alert-rules': [rule()],
      'DELETE /api/alerts/a-lag-payments/ack': () => json(null, 204),
    });
    renderApp('/alerts/a-lag-payments?cluster=local');
    expect(await screen.findByText('payments is 72 s behind', {}, PAGE_LOAD)).toBeTruthy();
    // An absolute link on this origin stays inside the app.
    expect(
      screen
        .getByRole('link', { name: 'Open the view that explains it: ConsumerLag' })
        .getAttribute('href'),
    ).toBe('/groups/local/payments?range=15m');
    expect(screen.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe(
      'https://wiki/lag',
    );
    expect(screen.getByRole('link', { name: 'All alerts' }).getAttribute('href')).toBe(
      '/alerts?cluster=local',
    );
    const facts = screen.getByText('Acknowledged').nextElementSibling as HTMLElement;
    expect(within(facts).getByText('olga')).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Unacknowledge' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/alerts/a-lag-payments/ack'),
    );
  });

  it('says so when the alert is gone', async () => {
    stubApi({ 'GET /api/alerts/old': () => apiError(404, 'not_found', 'no such alert') });
    renderApp('/alerts/old');
    expect(await screen.findByText('This alert is no longer known', {}, PAGE_LOAD)).toBeTruthy();
  });
});
