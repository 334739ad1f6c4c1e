import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi, type Call } from '../../test/stubApi';
import { alert, PAGE_LOAD, rule } from './testFixtures';

const firing = alert();
const firingWarning = alert({
  id: 'a-dlq',
  ruleId: 'r-dlq',
  severity: 'warning',
  labels: { alertname: 'DlqDepth', severity: 'warning', cluster: 'local', dlq: 'orders.DLQ' },
  value: 1204,
  threshold: 100,
  silenced: true,
  silencedBy: ['s-1'],
  acknowledged: { by: 'olga', at: new Date().toISOString(), comment: 'on it' },
  url: '/dlqs/local/orders.DLQ',
});
const pending = alert({
  id: 'a-pending',
  state: 'pending',
  severity: 'warning',
  labels: { alertname: 'ConsumerLag', severity: 'warning', cluster: 'local', group: 'billing' },
  firedAt: null,
});
const resolved = alert({
  id: 'a-resolved',
  state: 'resolved',
  labels: { alertname: 'ConsumerLag', severity: 'critical', cluster: 'local', group: 'shipping' },
  value: 3,
  resolvedAt: new Date(Date.now() - 120_000).toISOString(),
});

function alertsApi(role: 'viewer' | 'operator' = 'operator', extra: Record<string, unknown> = {}) {
  return stubApi({
    'GET /api/session': sessionAs(role),
    'GET /api/alerts': [resolved, pending, firingWarning, firing],
    'GET /api/alert-rules': [
      rule(),
      rule({ id: 'r-dlq', name: 'DLQ depth', metric: 'dlqDepth', threshold: 100 }),
    ],
    ...extra,
  });
}

const section = (name: string) => screen.findByRole('table', { name }, PAGE_LOAD);
const rowOf = (table: HTMLElement, text: string) =>
  within(table).getByText(text).closest('tr') as HTMLElement;

describe('AlertListPage', () => {
  it('groups alerts by state, most severe first, each state and severity in words', async () => {
    alertsApi();
    renderApp('/alerts');
    const table = await section('Firing alerts');
    const rows = within(table).getAllByRole('row').slice(1);
    // Critical before warning, whatever order the api sent.
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual([
      'ConsumerLag',
      'DlqDepth',
    ]);
    const [lag, dlq] = rows as [HTMLElement, HTMLElement];
    expect(within(lag).getByText('critical')).toBeTruthy();
    expect(within(lag).getByText('firing')).toBeTruthy();
    expect(within(lag).getByText('group=payments')).toBeTruthy();
    // Value against threshold in the metric's unit, once the rules say which it is.
    await waitFor(() => expect(within(lag).getByText('1 m 12 s')).toBeTruthy());
    expect(within(lag).getByText('> 1 m')).toBeTruthy();
    expect(within(lag).getByText('9 m ago')).toBeTruthy();
    expect(
      within(lag).getByRole('link', { name: 'Explain: ConsumerLag' }).getAttribute('href'),
    ).toBe('/groups/local/payments');

    expect(within(dlq).getByText('warning')).toBeTruthy();
    expect(within(dlq).getByText('silenced')).toBeTruthy();
    expect(within(dlq).getByText('ack · olga').getAttribute('title')).toContain('on it');
    expect(within(dlq).getByText('1.2 k msg')).toBeTruthy();

    const pendingRow = rowOf(await section('Pending alerts'), 'group=billing');
    expect(within(pendingRow).getByText('pending')).toBeTruthy();
    const resolvedRow = rowOf(await section('Resolved recently alerts'), 'group=shipping');
    expect(within(resolvedRow).getByText('resolved')).toBeTruthy();
  });

  it('keeps filters in the URL and sends them to the api', async () => {
    const { calls } = alertsApi();
    const { router } = renderApp('/alerts?state=firing');
    await section('Firing alerts');
    expect(screen.queryByRole('table', { name: 'Pending alerts' })).toBeNull();
    expect(calls.some((c) => c.url === '/api/alerts?state=firing')).toBe(true);

    fireEvent.click(
      within(screen.getByRole('group', { name: 'Severity filter' })).getByText('critical'),
    );
    expect(new URLSearchParams(router.state.location.search).get('severity')).toBe('critical');
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/api/alerts?state=firing&severity=critical')).toBe(true),
    );

    // A label chip narrows the list to that label.
    fireEvent.click(screen.getByRole('button', { name: 'group=payments' }));
    expect(new URLSearchParams(router.state.location.search).get('labels')).toBe('group=payments');
  });

  it('lets an operator acknowledge with a comment', async () => {
    const { calls } = alertsApi('operator', {
      'POST /api/alerts/a-lag-payments/ack': () => json({}, 200),
    });
    renderApp('/alerts');
    const table = await section('Firing alerts');
    fireEvent.click(await within(table).findByRole('button', { name: 'Acknowledge ConsumerLag' }));
    const dialog = screen.getByRole('dialog', { name: 'Acknowledge ConsumerLag' });
    fireEvent.change(within(dialog).getByLabelText('Comment (optional)'), {
      target: { value: 'restarting the consumer' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = calls.find((c: Call) => c.method === 'POST');
    expect(post?.url).toBe('/api/alerts/a-lag-payments/ack');
    expect(post?.body).toEqual({ comment: 'restarting the consumer' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-operator');
  });

  it('silences from the alert: matchers prefilled from its labels, a comment required', async () => {
    const { calls } = alertsApi('operator', {
      'POST /api/silences': () => json({}, 201),
    });
    renderApp('/alerts');
    const table = await section('Firing alerts');
    fireEvent.click(await within(table).findByRole('button', { name: 'Silence ConsumerLag' }));
    const dialog = screen.getByRole('dialog', { name: 'New silence' });
    const values = within(dialog)
      .getAllByLabelText(/^Matcher \d value$/)
      .map((i) => (i as HTMLInputElement).value);
    expect(values).toEqual(['ConsumerLag', 'local', 'payments', 'critical']);
    // Too specific: drop the severity matcher.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove matcher severity' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '1 h' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Silence for 1 h' }));
    expect(within(dialog).getByText(/Say why/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('Comment'), {
      target: { value: 'payments deploy' },
    });
    const before = Date.now();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Silence for 1 h' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = calls.find((c) => c.method === 'POST');
    const body = post?.body as { matchers: unknown; endsAt: string; comment: string };
    expect(post?.url).toBe('/api/silences');
    expect(body.matchers).toEqual([
      { label: 'alertname', op: '=', value: 'ConsumerLag' },
      { label: 'cluster', op: '=', value: 'local' },
      { label: 'group', op: '=', value: 'payments' },
    ]);
    expect(body.comment).toBe('payments deploy');
    const ends = Date.parse(body.endsAt) - before;
    expect(ends).toBeGreaterThanOrEqual(3_600_000);
    expect(ends).toBeLessThan(3_660_000);
  });

  it('shows viewers no action buttons', async () => {
    alertsApi('viewer');
    renderApp('/alerts');
    const table = await section('Firing alerts');
    // Wait for the session so the role is known, then check.
    await screen.findByText('viewer-user');
    expect(within(table).queryByRole('button', { name: /Acknowledge|Silence/ })).toBeNull();
  });
});
