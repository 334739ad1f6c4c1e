import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alert, PAGE_LOAD } from '../pages/alerts/testFixtures';
import { dlqStats } from '../test/lagFixtures';
import { renderApp } from '../test/render';
import { stubApi } from '../test/stubApi';

const firingOn = (id: string, cluster: string) =>
  alert({ id, labels: { alertname: 'ConsumerLag', cluster, group: id } });

describe('nav badges', () => {
  it('counts firing alerts on Alerts and non-empty DLQs on DLQs', async () => {
    const { calls } = stubApi({
      'GET /api/alerts?state=firing': [
        firingOn('a', 'local'),
        firingOn('b', 'local'),
        alert({ id: 'c', labels: { alertname: 'SpanLatency', service: 'shipping' } }),
      ],
      'GET /api/dlqs': [dlqStats({ depth: 3 }), dlqStats({ topic: 'x.DLQ', depth: 0 })],
    });
    renderApp('/topics');
    const alerts = await screen.findByRole('link', { name: /Alerts/ }, PAGE_LOAD);
    await waitFor(() => expect(alerts.textContent).toBe('Alerts3'), PAGE_LOAD);
    expect(alerts.querySelector('.rail-count')?.getAttribute('title')).toBe('3 firing');
    const dlqs = screen.getByRole('link', { name: /DLQs/ });
    await waitFor(() => expect(dlqs.textContent).toBe('DLQs1'));
    expect(calls.some((c) => c.url === '/api/alerts?state=firing')).toBe(true);
  });

  it('counts only the picked cluster’s alerts (and those tied to none)', async () => {
    stubApi({
      'GET /api/alerts?state=firing': [
        firingOn('a', 'local'),
        firingOn('b', 'prod-eu'),
        alert({ id: 'c', labels: { alertname: 'SpanLatency', service: 'shipping' } }),
      ],
    });
    renderApp('/topics?cluster=prod-eu');
    const alerts = await screen.findByRole('link', { name: /Alerts/ }, PAGE_LOAD);
    await waitFor(() => expect(alerts.textContent).toBe('Alerts2'), PAGE_LOAD);
  });

  it('shows no badge when nothing fires', async () => {
    stubApi({ 'GET /api/alerts?state=firing': [alert({ state: 'resolved' })] });
    const { queryClient } = renderApp('/topics');
    const alerts = await screen.findByRole('link', { name: /Alerts/ }, PAGE_LOAD);
    // Answered, not merely still loading.
    await waitFor(() =>
      expect(queryClient.getQueriesData({ queryKey: ['alerts'] }).some(([, d]) => d)).toBe(true),
    );
    expect(alerts.querySelector('.rail-count')).toBeNull();
    expect(alerts.textContent).toBe('Alerts');
  });
});
