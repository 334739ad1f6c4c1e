import type { Delivery } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi } from '../../test/stubApi';
import { delivery, notifier, PAGE_LOAD } from './testFixtures';

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2UtMTIzNDU2';

describe('NotifiersPage', () => {
  it('shows a generated signing secret once, and never again after Done', async () => {
    const list = [notifier()];
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/notifiers': () => json(list),
      'POST /api/notifiers': (call) => {
        const body = call.body as { name: string };
        const created = notifier({ id: 'n-2', name: body.name });
        list.push(created);
        return json({ ...created, secret: SECRET }, 201);
      },
    });
    renderApp('/alerts/notifiers');
    await screen.findByRole('table', { name: 'Notifiers' }, PAGE_LOAD);
    fireEvent.click(await screen.findByRole('button', { name: 'New notifier' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'payments on-call' } });
    fireEvent.change(screen.getByLabelText('URL'), {
      target: { value: 'https://hooks.example.com/payments' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create notifier' }));

    const secret = (await screen.findByLabelText('Signing secret')) as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(screen.getByText(/will not be shown again/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      name: 'payments on-call',
      type: 'webhook',
      url: 'https://hooks.example.com/payments',
      groupBy: ['alertname', 'cluster'],
      groupWaitSeconds: 5,
      groupIntervalSeconds: 60,
      repeatIntervalSeconds: 14_400,
    });
    expect(post?.body).not.toHaveProperty('secret');
    expect(await screen.findByRole('link', { name: 'payments on-call' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('asks for a URL before sending a webhook notifier', async () => {
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/notifiers': [],
    });
    renderApp('/alerts/notifiers');
    fireEvent.click(await screen.findByRole('button', { name: 'New notifier' }, PAGE_LOAD));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create notifier' }));
    const url = screen.getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('sends a test and shows its delivery in the log', async () => {
    const log: Delivery[] = [delivery()];
    const test = delivery({
      id: 'd-test',
      kind: 'test',
      webhookId: 'msg_test42',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
      lastError: null,
      nextAttemptAt: null,
      createdAt: new Date().toISOString(),
      deliveredAt: new Date().toISOString(),
    });
    const { calls } = stubApi({
      'GET /api/session': sessionAs('admin'),
      'GET /api/notifiers/n-1': notifier(),
      'GET /api/notifiers/n-1/deliveries': () => json(log),
      'POST /api/notifiers/n-1/test': () => {
        log.push(test);
        return json(test, 202);
      },
    });
    renderApp('/alerts/notifiers/n-1');
    const table = await screen.findByRole('table', { name: 'Deliveries' }, PAGE_LOAD);
    const retrying = within(table).getByText('msg_2bQx7').closest('tr') as HTMLElement;
    expect(within(retrying).getByText('pending')).toBeTruthy();
    expect(within(retrying).getByText('HTTP 503')).toBeTruthy();
    expect(within(retrying).getByText('Service Unavailable')).toBeTruthy();
    expect(within(retrying).getByText('in 5 m')).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
    expect(await screen.findByText(/Test queued as msg_test42/)).toBeTruthy();
    const row = (await within(table).findByText('msg_test42')).closest('tr') as HTMLElement;
    expect(within(row).getByText('test')).toBeTruthy();
    expect(within(row).getByText('delivered')).toBeTruthy();
    expect(within(row).getByText('HTTP 204')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      '/api/notifiers/n-1/test',
    ]);
    await waitFor(() => expect(row.getAttribute('aria-current')).toBe('true'));
  });
});
