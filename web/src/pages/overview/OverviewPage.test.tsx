import type { Health } from '@eventscope/shared';
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render';

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

function stubHealth(body: unknown, status = 200) {
  const fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('OverviewPage', () => {
  beforeEach(() => stubHealth(health(), 503));

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
    expect(within(prod).getAllByText('—')).toHaveLength(3);
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
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Cannot load Eventscope health')).toBeTruthy();
    expect(within(alert).getByText(/Cannot reach the Eventscope api/)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('reports a contract break instead of rendering garbage', async () => {
    stubHealth({ status: 'fine' });
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('invalid_response')).toBeTruthy();
  });
});
