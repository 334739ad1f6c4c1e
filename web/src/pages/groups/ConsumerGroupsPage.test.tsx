import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withLayout } from '../../test/layout';
import { groupSummary } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { json, stubApi, type Call } from '../../test/stubApi';

const page = (items: unknown[], total = items.length) => ({ total, items });

const lastGroupsCall = (calls: Call[]) => {
  const call = calls.filter((c) => c.url.startsWith('/api/consumer-groups')).at(-1);
  return new URL(call?.url ?? '/', 'http://x').searchParams;
};

/** The rendered data rows (not the header, not the virtualiser's spacers); throws while none. */
const bodyRows = () => {
  const rows = within(screen.getByRole('region', { name: 'Consumer groups' }))
    .getAllByRole('row')
    .filter((r) => r.dataset.index !== undefined);
  if (rows.length === 0) throw new Error('no rows yet');
  return rows;
};

describe('ConsumerGroupsPage', () => {
  withLayout();

  it('shows each group with its status word, reason and both lags', async () => {
    stubApi({
      'GET /api/consumer-groups': page([
        groupSummary({
          group: 'payments',
          status: 'STALL',
          statusReason: 'offsets have not moved for 4 m',
          lagSeconds: 7200,
          lagSecondsIsLowerBound: true,
          lagMessages: 12_400,
        }),
      ]),
    });
    renderApp('/groups');
    const [row] = await waitFor(bodyRows);
    const r = within(row as HTMLElement);
    expect(r.getByText('STALL').getAttribute('title')).toBe('offsets have not moved for 4 m');
    expect(r.getByText('≥ 2 h')).toBeTruthy();
    expect(r.getByText('12.4 k').getAttribute('title')).toBe('12,400');
    expect(r.getByRole('link', { name: 'payments' }).getAttribute('href')).toBe(
      '/groups/local/payments',
    );
  });

  it('renders unknown lag as "—", never 0, in the last row as the api sorts it', async () => {
    stubApi({
      'GET /api/consumer-groups': page([
        groupSummary({ group: 'slow', lagSeconds: 90, lagMessages: 40 }),
        groupSummary({ group: 'zero', lagSeconds: 0, lagMessages: 0 }),
        groupSummary({ group: 'unknown', status: 'UNKNOWN', lagSeconds: null, lagMessages: null }),
      ]),
    });
    renderApp('/groups?sort=lagSeconds&order=asc');
    const rows = await waitFor(bodyRows);
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual([
      'slow',
      'zero',
      'unknown',
    ]);
    const last = within(rows[2] as HTMLElement);
    expect(last.getAllByText('—')).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).getByText('0 s')).toBeTruthy();
  });

  it('keeps filter text, status chips and sort in the URL and sends them to the api', async () => {
    const { calls } = stubApi({ 'GET /api/consumer-groups': page([groupSummary()]) });
    const { router } = renderApp('/groups?cluster=local&q=pay&status=STALL&sort=group');
    await waitFor(bodyRows);
    let sent = lastGroupsCall(calls);
    expect(Object.fromEntries(sent)).toMatchObject({
      cluster: 'local',
      q: 'pay',
      status: 'STALL',
      sort: 'group',
      order: 'asc',
    });
    expect((screen.getByLabelText('Filter groups') as HTMLInputElement).value).toBe('pay');
    expect(screen.getByRole('button', { name: 'STALL' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.change(screen.getByLabelText('Filter groups'), { target: { value: 'ship' } });
    // Once the page has re-rendered with the new URL (its request says so), keep going.
    await waitFor(() => expect(lastGroupsCall(calls).get('q')).toBe('ship'));
    fireEvent.click(screen.getByRole('button', { name: 'WARN' }));
    fireEvent.click(screen.getByRole('button', { name: /Lag \(messages\)/ }));
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('q')).toBe('ship');
    expect(search.get('status')).toBe('STALL,WARN');
    expect(search.get('sort')).toBe('lagMessages');
    expect(search.has('order')).toBe(false);
    await waitFor(() => expect(lastGroupsCall(calls).get('sort')).toBe('lagMessages'));
    sent = lastGroupsCall(calls);
    expect(sent.get('order')).toBe('desc');
    expect(sent.get('status')).toBe('STALL,WARN');

    // The sorted column flips; the default sort leaves the URL.
    fireEvent.click(screen.getByRole('button', { name: /Lag \(messages\)/ }));
    expect(new URLSearchParams(router.state.location.search).get('order')).toBe('asc');
    const th = screen.getByRole('columnheader', { name: /Lag \(messages\)/ });
    expect(th.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Lag \(time\)/ }));
    expect(new URLSearchParams(router.state.location.search).has('sort')).toBe(false);
  });

  it('keeps every keystroke of fast typing and asks the api once typing pauses', async () => {
    const { calls } = stubApi({ 'GET /api/consumer-groups': page([groupSummary()]) });
    const { router } = renderApp('/groups');
    await waitFor(bodyRows);
    const input = screen.getByLabelText('Filter groups') as HTMLInputElement;
    for (const value of ['p', 'pa', 'pay']) fireEvent.change(input, { target: { value } });
    expect(input.value).toBe('pay');
    await waitFor(() => expect(router.state.location.search).toBe('?q=pay'));
    await waitFor(() => expect(lastGroupsCall(calls).get('q')).toBe('pay'));
    expect(calls.filter((c) => c.url.includes('q=p')).map((c) => c.url)).toHaveLength(1);

    // Back (or any URL change) shows the URL's filter again.
    await router.navigate('/groups?q=orders');
    await waitFor(() => expect(input.value).toBe('orders'));
  });

  it('focuses the filter on "/"', async () => {
    stubApi({ 'GET /api/consumer-groups': page([groupSummary()]) });
    renderApp('/groups');
    await waitFor(bodyRows);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Filter groups'));
  });

  it('renders only a window of 5,000 rows, and arrows + Enter open the selected one', async () => {
    const items = Array.from({ length: 5000 }, (_, i) =>
      groupSummary({ group: `group-${String(i).padStart(4, '0')}`, lagSeconds: 5000 - i }),
    );
    stubApi({ 'GET /api/consumer-groups': () => json(page(items)) });
    const { router } = renderApp('/groups');
    const rows = await waitFor(bodyRows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    const region = screen.getByRole('region', { name: 'Consumer groups' });
    expect(within(region).getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
    expect(screen.getByText('5,000 groups')).toBeTruthy();

    fireEvent.keyDown(region, { key: 'ArrowDown' });
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    expect(bodyRows()[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(region, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/groups/local/group-0001'));
  });

  it('opens the group when a row is clicked', async () => {
    stubApi({ 'GET /api/consumer-groups': page([groupSummary({ group: 'a/b c' })]) });
    const { router } = renderApp('/groups?range=6h');
    const [row] = await waitFor(bodyRows);
    fireEvent.click(within(row as HTMLElement).getByText('Stable'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/groups/local/a%2Fb%20c'));
    expect(router.state.location.search).toBe('?range=6h');
  });

  it('explains what appears here when there are no groups, and when filters hide them', async () => {
    stubApi({ 'GET /api/consumer-groups': page([]) });
    renderApp('/groups');
    expect(await screen.findByText('No consumer groups yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'STALL' }));
    expect(await screen.findByText('No groups match these filters')).toBeTruthy();
  });

  it('says so when the list cannot be loaded', async () => {
    stubApi({
      'GET /api/consumer-groups': () =>
        json({ error: { code: 'unavailable', message: 'store down' } }, 503),
    });
    renderApp('/groups');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Cannot load consumer groups')).toBeTruthy();
  });
});
