import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dlqStats } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { sessionAs, stubApi } from '../../test/stubApi';
import { dlqMessage, messagePage } from './fixtures';

const MESSAGES = '/api/dlqs/local/payments-dlt/messages';

const dlq = dlqStats({
  topic: 'payments-dlt',
  depth: 3,
  sourceTopics: ['payments'],
  errorClasses: [
    {
      class: 'com.acme.PaymentDeclined',
      count: 2,
      firstSeen: new Date(Date.now() - 600_000).toISOString(),
      lastSeen: new Date().toISOString(),
    },
    {
      class: 'org.apache.kafka.common.errors.SerializationException',
      count: 1,
      firstSeen: new Date(Date.now() - 600_000).toISOString(),
      lastSeen: new Date().toISOString(),
    },
  ],
});

const json = dlqMessage();
const binary = dlqMessage({
  offset: '42',
  key: null,
  value: '00017b22ff',
  valueEncoding: 'hex',
  sizeBytes: 5,
  error: { class: 'org.apache.kafka.common.errors.SerializationException', message: 'bad magic' },
});
const replayed = dlqMessage({
  offset: '40',
  replayCount: 1,
  handled: { kind: 'replayed', replayId: 'r-0', at: new Date().toISOString(), by: 'alice' },
});

function stubDlq(
  role: 'viewer' | 'operator' = 'operator',
  pages = [messagePage([json, binary, replayed])],
) {
  return stubApi({
    'GET /api/session': sessionAs(role),
    'GET /api/dlqs': [dlq],
    'GET /api/replays': [],
    [`GET ${MESSAGES}`]: (call) => {
      const cursor = new URL(call.url, 'http://x').searchParams.get('cursor');
      return new Response(JSON.stringify(pages[cursor === null ? 0 : Number(cursor)]), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
}

const table = () => screen.findByRole('region', { name: 'Dead letter messages' });
const rowOf = (region: HTMLElement, text: string) =>
  within(region).getByText(text).closest('tr') as HTMLElement;

describe('DLQ message browser', () => {
  it('lists dead letters newest first, binary values as hex, handled ones dimmed with a badge', async () => {
    const { calls } = stubDlq();
    renderApp('/dlqs/local/payments-dlt');
    const region = await table();
    expect(calls.find((c) => c.url.startsWith(MESSAGES))?.url).toBe(
      `${MESSAGES}?limit=50&order=newest`,
    );

    const bin = rowOf(region, '0/42');
    expect(within(bin).getByText('hex')).toBeTruthy();
    expect(within(bin).getByText(/00 01 7b 22 ff/)).toBeTruthy();
    expect(within(bin).getByText('SerializationException').getAttribute('title')).toBe(
      'org.apache.kafka.common.errors.SerializationException: bad magic',
    );

    const text = rowOf(region, '0/41');
    expect(within(text).getByText('{ "orderId": 1001, "amount": 12.5 }')).toBeTruthy();
    expect(within(text).getByText('payments')).toBeTruthy();
    expect(text.className).not.toContain('msg-handled');

    const done = rowOf(region, '0/40');
    expect(done.className).toContain('msg-handled');
    expect(within(done).getByText('replayed').getAttribute('title')).toMatch(
      /^replayed by alice \(replay r-0\)/,
    );
    expect(screen.getByText(/3 loaded, newest first — that is all/)).toBeTruthy();
  });

  it('opens a message in a drawer with decoded headers, payload views, origin and trace links; Esc closes it', async () => {
    stubDlq();
    const { router } = renderApp('/dlqs/local/payments-dlt?range=1h');
    const region = await table();
    fireEvent.click(within(rowOf(region, '0/41')).getByText('order-1001'));

    const drawer = await screen.findByRole('dialog', { name: 'Dead letter 0/41' });
    expect(router.state.location.search).toContain('msg=0-41');
    expect(within(drawer).getByText('com.acme.PaymentDeclined')).toBeTruthy();
    expect(within(drawer).getByText('card expired')).toBeTruthy();
    // Spring's 4-byte partition header, decoded, with its raw bytes beside it.
    const headers = within(drawer).getByRole('table', { name: 'Headers' });
    const partition = within(headers).getByText('kafka_dlt-original-partition').closest('tr');
    expect(partition?.textContent).toContain('3 (0x00000003)');
    expect(within(drawer).getByRole('link', { name: 'payments' }).getAttribute('href')).toBe(
      '/topics/local/payments?range=1h',
    );
    expect(
      within(drawer)
        .getByRole('link', { name: /trace 4bf92f/ })
        .getAttribute('href'),
    ).toBe('/traces/4bf92f3577b34da6a3ce929d0e0e4736?range=1h');
    expect(within(drawer).getByRole('link', { name: 'payments-service' })).toBeTruthy();

    const pretty = within(drawer).getByLabelText('Value (pretty)');
    expect(pretty.textContent).toBe('{\n  "orderId": 1001,\n  "amount": 12.5\n}');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Hex' }));
    expect(within(drawer).getByLabelText('Value (hex)').textContent).toMatch(/^00000000 {2}7b 0a/);
    expect(within(drawer).getByRole('button', { name: 'Copy value' })).toBeTruthy();

    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.search).not.toContain('msg=');
  });

  it('shows a binary value only as a hex dump in the drawer', async () => {
    stubDlq();
    renderApp('/dlqs/local/payments-dlt?msg=0-42');
    const drawer = await screen.findByRole('dialog', { name: 'Dead letter 0/42' });
    const dump = await within(drawer).findByLabelText('Value (hex)');
    expect(dump.textContent).toBe(`00000000  00 01 7b 22 ff${' '.repeat(36)}|..{".|`);
    expect(within(drawer).queryByRole('button', { name: 'Text' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: 'Pretty' })).toBeNull();
  });

  it('moves through the rows with the arrow keys and opens one with Enter', async () => {
    stubDlq();
    const { router } = renderApp('/dlqs/local/payments-dlt');
    const region = await table();
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    expect(rowOf(region, '0/42').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(region, { key: 'Enter' });
    await screen.findByRole('dialog', { name: 'Dead letter 0/42' });
    // With the drawer open, the arrows carry it along.
    fireEvent.keyDown(region, { key: 'ArrowUp' });
    await screen.findByRole('dialog', { name: 'Dead letter 0/41' });
    expect(router.state.location.search).toBe('?msg=0-41');
  });

  it('filters by an exception class when its row is clicked, and by key', async () => {
    const { calls } = stubDlq();
    const { router } = renderApp('/dlqs/local/payments-dlt');
    await table();
    const classes = screen.getByRole('table', { name: 'Failures by exception class' });
    fireEvent.click(within(classes).getByText('1'));
    await waitFor(() =>
      expect(calls.at(-1)?.url).toBe(
        `${MESSAGES}?limit=50&order=newest&errorClass=org.apache.kafka.common.errors.SerializationException`,
      ),
    );
    expect(router.state.location.search).toBe(
      '?error=org.apache.kafka.common.errors.SerializationException',
    );

    fireEvent.change(screen.getByRole('searchbox', { name: 'Key' }), {
      target: { value: 'order-1001' },
    });
    await waitFor(() => expect(calls.at(-1)?.url).toContain('&key=order-1001'));
    fireEvent.click(screen.getByRole('button', { name: 'Oldest first' }));
    await waitFor(() => expect(calls.at(-1)?.url).toContain('order=oldest'));
  });

  it('jumps to a partition and offset', async () => {
    const { calls } = stubDlq();
    renderApp('/dlqs/local/payments-dlt');
    await table();
    fireEvent.change(screen.getByLabelText('Partition'), { target: { value: '0' } });
    await waitFor(() => expect(calls.at(-1)?.url).toContain('partition=0'));
    fireEvent.change(screen.getByLabelText('Offset'), { target: { value: '900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    await waitFor(() => expect(calls.at(-1)?.url).toContain('partition=0&offset=900'));
  });

  it('loads more with the next cursor', async () => {
    const { calls } = stubDlq('operator', [
      messagePage([json], '1'),
      messagePage([dlqMessage({ offset: '7', key: 'order-7' })]),
    ]);
    renderApp('/dlqs/local/payments-dlt');
    const region = await table();
    fireEvent.click(screen.getByRole('button', { name: 'Load 50 more' }));
    await within(region).findByText('order-7');
    expect(calls.at(-1)?.url).toBe(`${MESSAGES}?limit=50&cursor=1&order=newest`);
    expect(screen.getByText(/2 loaded/)).toBeTruthy();
  });

  it('gives a viewer no replay or discard button and no checkboxes', async () => {
    stubDlq('viewer');
    renderApp('/dlqs/local/payments-dlt');
    const region = await table();
    // The session has answered: the role, not loading, hides the actions.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy());
    expect(screen.queryByRole('button', { name: /Replay/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Discard/ })).toBeNull();
    expect(within(region).queryAllByRole('checkbox')).toHaveLength(0);

    fireEvent.click(within(rowOf(region, '0/41')).getByText('order-1001'));
    const drawer = await screen.findByRole('dialog', { name: 'Dead letter 0/41' });
    expect(within(drawer).queryByRole('button', { name: /Replay/ })).toBeNull();
  });

  it('lets an operator tick messages and names the count on the actions', async () => {
    stubDlq();
    renderApp('/dlqs/local/payments-dlt');
    const region = await table();
    expect(await screen.findByRole('button', { name: 'Replay all…' })).toBeTruthy();
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Select 0-41' }));
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Select 0-42' }));
    expect(screen.getByRole('button', { name: 'Replay 2 selected…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Discard 2 selected…' })).toBeTruthy();
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Select all 3 loaded messages' }));
    expect(screen.getByRole('button', { name: 'Replay 3 selected…' })).toBeTruthy();
  });
});
