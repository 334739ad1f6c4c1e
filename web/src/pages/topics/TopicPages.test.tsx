import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TimeRow } from '../../components/charts/timeRows';
import { withLayout } from '../../test/layout';
import { topicSummary } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { apiError, stubApi } from '../../test/stubApi';

const charted = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../../components/charts/TimeChart', () => ({
  TimeChart: (props: { title: string; data: readonly TimeRow<string>[]; threshold?: unknown }) => {
    charted.set(props.title, props);
    return <figure aria-label={props.title} />;
  },
}));

const history = {
  from: new Date(Date.now() - 120_000).toISOString(),
  to: new Date().toISOString(),
  step: 60,
  source: 'raw',
  points: [0, 1].map((i) => ({
    at: new Date(Date.now() - (120 - i * 60) * 1000).toISOString(),
    messagesPerSecond: i === 0 ? null : 10,
    bytesPerSecond: null,
    sizeP50: 100,
    sizeP95: i === 0 ? null : 2_000_000,
    sizeP99: 300,
    sizeMax: 400,
  })),
};

describe('TopicsPage', () => {
  withLayout();

  it('lists topics with throughput, size percentiles and DLQ links; the filter is in the URL', async () => {
    const { calls } = stubApi({
      'GET /api/topics': [topicSummary(), topicSummary({ topic: 'audit', size: null, dlqs: [] })],
    });
    const { router } = renderApp('/topics');
    const region = await screen.findByRole('region', { name: 'Topics' });
    const link = await within(region).findByRole('link', { name: 'orders' });
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('1.3 k')).toBeTruthy();
    expect(within(row).getByText('2.4 MiB')).toBeTruthy();
    expect(within(row).getByText('1.5 MiB')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'orders.DLQ' }).getAttribute('href')).toBe(
      '/dlqs/local/orders.DLQ',
    );
    const untapped = within(region).getByRole('link', { name: 'audit' }).closest('tr');
    expect(within(untapped as HTMLElement).getAllByText('—').length).toBeGreaterThanOrEqual(4);

    fireEvent.change(screen.getByLabelText('Filter topics'), { target: { value: 'ord' } });
    await waitFor(() => expect(router.state.location.search).toBe('?q=ord'));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/topics?q=ord'));
  });

  it('explains what appears when there are no topics', async () => {
    stubApi({ 'GET /api/topics': [] });
    renderApp('/topics');
    expect(await screen.findByText('No topics yet')).toBeTruthy();
  });
});

describe('TopicDetailPage', () => {
  it('shows size percentiles, charts with the 1 MiB p95 line, DLQ and group links', async () => {
    stubApi({
      'GET /api/topics/local/orders': topicSummary(),
      'GET /api/topics/local/orders/history': history,
    });
    renderApp('/topics/local/orders?range=15m');
    const facts = await screen.findByLabelText('Topic facts');
    const fact = (label: string) =>
      within(facts).getByText(label).nextElementSibling?.textContent ?? '';
    expect(fact('Size p50')).toBe('900 B');
    expect(fact('Size p95')).toBe('2 KiB');
    expect(fact('Size p99')).toBe('1.5 MiB');
    expect(fact('Size max')).toBe('3 MiB');

    const dlqs = screen.getByRole('list', { name: 'Dead-letter topics' });
    expect(within(dlqs).getByRole('link', { name: 'orders.DLQ' }).getAttribute('href')).toBe(
      '/dlqs/local/orders.DLQ?range=15m',
    );
    const groups = screen.getByRole('list', { name: 'Consumer groups' });
    expect(within(groups).getByRole('link', { name: 'shipping' }).getAttribute('href')).toBe(
      '/groups/local/shipping?range=15m',
    );

    await screen.findByRole('figure', { name: 'Event size (p50 / p95 / p99 / max)' });
    const size = charted.get('Event size (p50 / p95 / p99 / max)') as {
      data: TimeRow<'sizeP95'>[];
      threshold: { value: number };
    };
    expect(size.threshold.value).toBe(1024 * 1024);
    expect(size.data.map((r) => r.sizeP95)).toEqual([null, 2_000_000]);
  });

  it('says the topic does not exist on a 404', async () => {
    stubApi({ 'GET /api/topics/local/gone': () => apiError(404, 'not_found', 'no such topic') });
    renderApp('/topics/local/gone');
    expect(await screen.findByText('No topic “gone” on cluster local')).toBeTruthy();
  });
});
