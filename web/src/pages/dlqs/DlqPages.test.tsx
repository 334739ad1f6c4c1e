import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withLayout } from '../../test/layout';
import { dlqStats } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { stubApi } from '../../test/stubApi';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const errorClasses = [
  { class: 'java.lang.IllegalStateException', count: 3, firstSeen: ago(90), lastSeen: ago(30) },
  {
    class: 'org.apache.kafka.common.errors.SerializationException',
    count: 1180,
    firstSeen: ago(600),
    lastSeen: ago(2),
  },
  { class: 'com.acme.PaymentDeclined', count: 21, firstSeen: ago(120), lastSeen: ago(10) },
];

const dlqs = [
  dlqStats({ topic: 'audit.DLQ', depth: 0, sourceTopics: ['audit'] }),
  dlqStats({ topic: 'lost-dlq', depth: null, inflowPerMinute: null, oldestAgeSeconds: null }),
  dlqStats({
    topic: 'payments-dlt',
    depth: 1204,
    inflowPerMinute: 12,
    oldestAgeSeconds: 3720,
    sourceTopics: ['payments'],
    discoveredBy: ['name', 'headers'],
    errorClasses,
  }),
  dlqStats({ topic: 'orders.DLQ', depth: 7, sourceTopics: ['orders'] }),
];

describe('DlqsPage', () => {
  withLayout();

  it('lists non-empty DLQs first, deepest first, with inflow, age, sources and top error', async () => {
    const { calls } = stubApi({ 'GET /api/dlqs': dlqs });
    renderApp('/dlqs?cluster=local');
    const region = await screen.findByRole('region', { name: 'DLQs' });
    await within(region).findByRole('link', { name: 'payments-dlt' });
    expect(calls.some((c) => c.url === '/api/dlqs?cluster=local')).toBe(true);

    const rows = within(region).getAllByRole('row').slice(1);
    const names = rows.map((r) => r.querySelector('td a')?.textContent);
    expect(names).toEqual(['payments-dlt', 'orders.DLQ', 'audit.DLQ', 'lost-dlq']);

    const first = rows[0] as HTMLElement;
    expect(within(first).getByText('1.2 k').getAttribute('title')).toBe('1,204');
    expect(within(first).getByText('1 h 2 m')).toBeTruthy();
    expect(within(first).getByText('/min')).toBeTruthy();
    expect(within(first).getByText('name')).toBeTruthy();
    expect(within(first).getByText('headers')).toBeTruthy();
    expect(
      within(first).getByText('org.apache.kafka.common.errors.SerializationException'),
    ).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'payments' }).getAttribute('href')).toBe(
      '/topics/local/payments?cluster=local',
    );
    expect(within(first).getByRole('link', { name: 'payments-dlt' }).getAttribute('href')).toBe(
      '/dlqs/local/payments-dlt?cluster=local',
    );

    // Unknown depth is a dash, never a zero.
    expect(within(rows[3] as HTMLElement).getAllByText('—').length).toBeGreaterThanOrEqual(3);
  });

  it('says what would appear when there is no DLQ', async () => {
    stubApi({ 'GET /api/dlqs': [] });
    renderApp('/dlqs');
    expect(await screen.findByText('No DLQs found')).toBeTruthy();
    expect(screen.getByText(/or carrying dead-letter headers appear here/)).toBeTruthy();
    expect(screen.getByText('*-dlt')).toBeTruthy();
  });
});

describe('DlqDetailPage', () => {
  it('shows depth, inflow, oldest and the failures by exception class, most first', async () => {
    const { calls } = stubApi({ 'GET /api/dlqs': dlqs });
    renderApp('/dlqs/local/payments-dlt?range=15m');
    const facts = await screen.findByLabelText('DLQ facts');
    const fact = (label: string) =>
      within(facts).getByText(label).nextElementSibling?.textContent ?? '';
    expect(fact('Depth')).toBe('1.2 k');
    expect(fact('Inflow')).toBe('12/min');
    expect(fact('Oldest')).toBe('1 h 2 m');
    expect(calls.some((c) => c.url === '/api/dlqs?cluster=local')).toBe(true);

    const table = screen.getByRole('table', { name: 'Failures by exception class' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('td')?.textContent)).toEqual([
      'org.apache.kafka.common.errors.SerializationException',
      'com.acme.PaymentDeclined',
      'java.lang.IllegalStateException',
    ]);
    const top = rows[0] as HTMLElement;
    expect(within(top).getByText('10 h ago').getAttribute('title')).toContain(
      errorClasses[1]?.firstSeen,
    );
    expect(within(top).getByText('2 m ago').getAttribute('dateTime')).toBe(
      errorClasses[1]?.lastSeen,
    );

    expect(screen.getByRole('link', { name: 'payments' }).getAttribute('href')).toBe(
      '/topics/local/payments?range=15m',
    );
    // The dead letters themselves and the replays of this DLQ follow.
    expect(screen.getByRole('heading', { name: 'Dead letters' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Recent replays' })).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/dlqs/local/payments-dlt/messages?'))).toBe(
      true,
    );
  });

  it('says so when the topic is not a known DLQ', async () => {
    stubApi({ 'GET /api/dlqs': dlqs });
    renderApp('/dlqs/local/orders');
    expect(await screen.findByText('“orders” is not a known DLQ on cluster local')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'see every DLQ' }).getAttribute('href')).toBe('/dlqs');
    expect(screen.queryByLabelText('DLQ facts')).toBeNull();
  });
});
