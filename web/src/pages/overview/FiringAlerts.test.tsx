import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alert, PAGE_LOAD } from '../alerts/testFixtures';
import { renderApp } from '../../test/render';
import { stubApi } from '../../test/stubApi';

const health = {
  status: 'ok',
  version: '0.1.0',
  startedAt: new Date().toISOString(),
  store: { engine: 'pglite', status: 'up' },
  clusters: [],
};

describe('Overview firing alerts', () => {
  it('leads the overview with firing alerts, most severe and oldest first, linking to their view', async () => {
    const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    stubApi({
      'GET /api/health': health,
      'GET /api/alerts?state=firing': [
        alert({ id: 'w', severity: 'warning', firedAt: at(90), labels: { alertname: 'DlqDepth' } }),
        alert({ id: 'c-new', firedAt: at(2), labels: { alertname: 'Unreachable' } }),
        alert({ id: 'c-old', firedAt: at(30), labels: { alertname: 'ConsumerLag' } }),
      ],
    });
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Firing alerts' }, PAGE_LOAD);
    const first = document.querySelector('main section');
    expect(first?.getAttribute('aria-labelledby')).toBe('firing-title');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual([
      'ConsumerLag',
      'Unreachable',
      'DlqDepth',
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: 'Explain: ConsumerLag' })
        .getAttribute('href'),
    ).toBe('/groups/local/payments');
    // The overview is for looking: no action buttons here.
    expect(within(table).queryByRole('button', { name: /Acknowledge|Silence/ })).toBeNull();
  });

  it('says calmly when nothing fires', async () => {
    stubApi({ 'GET /api/health': health, 'GET /api/alerts?state=firing': [] });
    renderApp('/?cluster=local');
    expect(await screen.findByText(/Nothing is firing on local/, {}, PAGE_LOAD)).toBeTruthy();
  });
});
