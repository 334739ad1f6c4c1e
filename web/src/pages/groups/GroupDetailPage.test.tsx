import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TimeRow } from '../../components/charts/timeRows';
import { groupHistory, groupLag } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { apiError, stubApi, type Call } from '../../test/stubApi';
import { alert } from '../alerts/testFixtures';

// The charts' data as the page hands it over; how recharts draws gaps is TimeChart.test.tsx's.
const charted = vi.hoisted(() => new Map<string, readonly unknown[]>());
vi.mock('../../components/charts/TimeChart', () => ({
  TimeChart: (props: { title: string; data: readonly TimeRow<string>[] }) => {
    charted.set(props.title, props.data);
    return <figure aria-label={props.title} />;
  },
}));

const DETAIL = 'GET /api/consumer-groups/local/billing';

describe('GroupDetailPage', () => {
  it('leads with the status and its reason in words', async () => {
    stubApi({ [DETAIL]: groupLag(), [`${DETAIL}/history`]: groupHistory([1, 2]) });
    renderApp('/groups/local/billing');
    const status = await screen.findByRole('region', { name: 'Status' });
    expect(within(status).getByText('STALL')).toBeTruthy();
    expect(
      within(status).getByText('offsets have not moved for 4 m while lag grew by 1.2 k'),
    ).toBeTruthy();
    expect(within(status).getByText('4 m 12 s')).toBeTruthy();
    expect(within(status).getByRole('link', { name: 'orders' }).getAttribute('href')).toBe(
      '/topics/local/orders',
    );
  });

  it('lists the pending and firing alerts on this group (asking the api for exactly those)', async () => {
    const { calls } = stubApi({
      [DETAIL]: groupLag(),
      [`${DETAIL}/history`]: groupHistory([1]),
      'GET /api/alerts': [
        alert({ labels: { alertname: 'ConsumerLag', cluster: 'local', group: 'billing' } }),
      ],
      'GET /api/alert-rules': [],
    });
    renderApp('/groups/local/billing');
    const table = await screen.findByRole('table', { name: 'Alerts on this group' });
    expect(within(table).getByText('ConsumerLag')).toBeTruthy();
    const asked = calls.find((c) => c.url.includes('labels='))?.url ?? '';
    expect(new URL(asked, 'http://x').searchParams.get('labels')).toBe(
      'cluster=local,group=billing',
    );
    expect(new URL(asked, 'http://x').searchParams.get('state')).toBe('pending,firing');
  });

  it('lists partitions with exact int64 offsets, unknown as "—", and members', async () => {
    stubApi({ [DETAIL]: groupLag(), [`${DETAIL}/history`]: groupHistory([1]) });
    renderApp('/groups/local/billing');
    const table = await screen.findByRole('table', { name: 'Partitions' });
    const [, p0, p1] = within(table).getAllByRole('row') as HTMLElement[];
    // Sorted by partition; no committed offset and unknown lag are dashes, not zeros.
    expect(within(p0 as HTMLElement).getAllByText('—')).toHaveLength(3);
    expect(within(p0 as HTMLElement).getByText('unassigned')).toBeTruthy();
    expect(within(p1 as HTMLElement).getByText('9007199254740993')).toBeTruthy();
    expect(within(p1 as HTMLElement).getByText('9007199254739790')).toBeTruthy();
    expect(within(p1 as HTMLElement).getByText('billing-1')).toBeTruthy();

    const members = screen.getByRole('table', { name: 'Members' });
    expect(within(members).getByText('orders: 0, 1')).toBeTruthy();
    expect(within(members).getByText('/10.0.0.7')).toBeTruthy();
  });

  it('asks for the global time range and charts unknown steps as gaps', async () => {
    const { calls } = stubApi({
      [DETAIL]: groupLag(),
      [`${DETAIL}/history`]: groupHistory([30, null, null, 90]),
    });
    renderApp('/groups/local/billing?range=6h');
    await screen.findByRole('figure', { name: 'Lag (time)' });
    const call = calls.find((c: Call) => c.url.includes('/history'));
    const query = new URL(call?.url ?? '/', 'http://x').searchParams;
    const span = Date.parse(query.get('to') ?? '') - Date.parse(query.get('from') ?? '');
    expect(span).toBe(6 * 3600_000);

    const rows = charted.get('Lag (time)') as TimeRow<'lagSeconds'>[];
    expect(rows.map((r) => r.lagSeconds)).toEqual([30, null, null, 90]);
    const strip = screen.getByRole('list', { name: 'Status history' });
    expect(
      within(strip)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['OK', 'UNKNOWN', 'STALL']);
  });

  it('says the group does not exist on a 404', async () => {
    stubApi({ [DETAIL]: () => apiError(404, 'not_found', 'no such group') });
    renderApp('/groups/local/billing');
    expect(await screen.findByText('No group “billing” on cluster local')).toBeTruthy();
  });

  it('shows an error with retry when the group cannot be loaded', async () => {
    stubApi({ [DETAIL]: () => apiError(503, 'unavailable', 'store down') });
    renderApp('/groups/local/billing');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Cannot load this group')).toBeTruthy();
    await waitFor(() => expect(within(alert).getByText('store down')).toBeTruthy());
  });
});
