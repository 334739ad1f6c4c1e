import type { Health } from '@eventscope/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterSummary, dlqStats, groupHistory, groupSummary } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { json, stubApi } from '../../test/stubApi';

const recent = () => new Date(Date.now() - 4_000).toISOString();

function health(overrides: Partial<Health> = {}): Health {
  return {
    status: 'degraded',
    version: '0.1.0',
    startedAt: recent(),
    store: { engine: 'pglite', status: 'up' },
    clusters: [
      {
        id: 'local',
        brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
        reachable: true,
        latencyMs: 12,
        brokersUp: 2,
        checkedAt: recent(),
      },
      {
        id: 'prod-eu',
        brokers: ['kafka-1:9092'],
        reachable: false,
        latencyMs: null,
        brokersUp: null,
        checkedAt: null,
        error: 'Connection timeout',
      },
    ],
    ...overrides,
  };
}

const worst = [
  groupSummary({ group: 'payments', status: 'STALL', lagSeconds: 7200, lagMessages: 90_000 }),
  groupSummary({ group: 'billing', lagSeconds: null, lagMessages: null, status: 'UNKNOWN' }),
];

function stubOverview(healthBody: unknown = health(), healthStatus = 503) {
  return stubApi({
    'GET /api/health': () => json(healthBody, healthStatus),
    'GET /api/clusters': [
      clusterSummary({ groupsByStatus: { OK: 4, STALL: 1, EMPTY: 0 } }),
      clusterSummary({ id: 'prod-eu', reachable: false, lastSampleAt: null, groupsByStatus: {} }),
    ],
    'GET /api/consumer-groups': { total: 40, items: worst },
    'GET /api/consumer-groups/local/payments/history': groupHistory([10, null, 30]),
    'GET /api/consumer-groups/local/billing/history': groupHistory([null]),
    'GET /api/dlqs': [
      dlqStats({ topic: 'audit.DLQ', depth: 0 }),
      dlqStats({ topic: 'orders.DLQ', depth: 1204, inflowPerMinute: 12, oldestAgeSeconds: 3720 }),
      dlqStats({ topic: 'lost.DLQ', depth: null, inflowPerMinute: null, oldestAgeSeconds: null }),
    ],
  });
}

describe('OverviewPage', () => {
  beforeEach(() => void stubOverview());

  it('shows a healthy and an unreachable cluster, each with its word', async () => {
    renderApp('/');
    const local = await screen.findByRole('article', { name: 'Cluster local' });
    expect(within(local).getByText('reachable')).toBeTruthy();
    expect(within(local).getByText('12 ms')).toBeTruthy();
    expect(within(local).getByText('2').getAttribute('title')).toBe('2');

    const prod = screen.getByRole('article', { name: 'Cluster prod-eu' });
    expect(within(prod).getByText('unreachable')).toBeTruthy();
    expect(within(prod).getByText('Connection timeout')).toBeTruthy();
    // Unknown values are dashes, never zeros.
    expect(within(prod).getAllByText('—')).toHaveLength(4);
    expect(await within(prod).findByText('Groups unknown: cluster unreachable')).toBeTruthy();
  });

  it('counts groups by status on each cluster tile, worst first, linking to the list', async () => {
    renderApp('/');
    const local = await screen.findByRole('article', { name: 'Cluster local' });
    const counts = await within(local).findByRole('list', { name: 'Groups by status' });
    const links = within(counts).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['STALL 1', 'OK 4']);
    expect(links[0]?.getAttribute('href')).toBe('/groups?cluster=local&status=STALL');
  });

  it('lists the worst groups by lag seconds with a sparkline each', async () => {
    // happy-dom never reports intersections; without the observer every row counts as seen.
    vi.stubGlobal('IntersectionObserver', undefined);
    const { calls } = stubOverview();
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Worst groups by lag seconds' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0] as HTMLElement).getByText('2 h')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('STALL')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getAllByText('—')).toHaveLength(2);
    const list = calls.find((c) => c.url.startsWith('/api/consumer-groups?'));
    expect(list?.url).toBe('/api/consumer-groups?sort=lagSeconds&order=desc&limit=10');
    expect(
      await screen.findByRole('img', { name: 'Lag seconds of payments, last hour' }),
    ).toBeTruthy();
    expect(
      calls.some((c) => c.url.startsWith('/api/consumer-groups/local/payments/history?')),
    ).toBe(true);
  });

  it('lists DLQs, non-empty first, linking to each DLQ', async () => {
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'DLQs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual([
      'orders.DLQ',
      'audit.DLQ',
      'lost.DLQ',
    ]);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByText('1.2 k')).toBeTruthy();
    expect(first.getByText('1 h 2 m')).toBeTruthy();
    expect(first.getByRole('link', { name: 'orders.DLQ' }).getAttribute('href')).toBe(
      '/dlqs/local/orders.DLQ',
    );
    expect(within(rows[2] as HTMLElement).getAllByText('—')).toHaveLength(3);
  });

  it('shows the number of non-empty DLQs on the nav rail', async () => {
    renderApp('/');
    const link = await screen.findByRole('link', { name: /DLQs/ });
    await waitFor(() => expect(link.textContent).toBe('DLQs1'));
  });

  it('shows Eventscope status, store engine and version', async () => {
    renderApp('/');
    const summary = await screen.findByLabelText('Eventscope');
    expect(within(summary).getByText('degraded')).toBeTruthy();
    expect(within(summary).getByText('pglite')).toBeTruthy();
    expect(within(summary).getByText('0.1.0')).toBeTruthy();
  });

  it('narrows to the cluster in the URL', async () => {
    renderApp('/?cluster=prod-eu');
    await screen.findByRole('article', { name: 'Cluster prod-eu' });
    expect(screen.queryByRole('article', { name: 'Cluster local' })).toBeNull();
  });

  it('says so when the api cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderApp('/');
    const alert = (await screen.findAllByRole('alert'))[0] as HTMLElement;
    expect(within(alert).getByText('Cannot load Eventscope health')).toBeTruthy();
    expect(within(alert).getByText(/Cannot reach the Eventscope api/)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('reports a contract break instead of rendering garbage', async () => {
    stubOverview({ status: 'fine' }, 200);
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('invalid_response')).toBeTruthy();
  });
});
