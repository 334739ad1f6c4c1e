import type { Replay } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dlqStats } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi } from '../../test/stubApi';
import { messagePage, replay } from './fixtures';

function stubProgress(role: 'viewer' | 'operator', current: Replay = replay()) {
  let state = current;
  return stubApi({
    'GET /api/session': sessionAs(role),
    'GET /api/dlqs': [dlqStats({ topic: 'payments-dlt', depth: 600, sourceTopics: ['payments'] })],
    'GET /api/dlqs/local/payments-dlt/messages': messagePage([]),
    'GET /api/replays': () => json([state]),
    'GET /api/replays/r-1': () => json(state),
    'POST /api/replays/r-1/cancel': () => {
      state = { ...state, status: 'cancelled', rate: null, etaSeconds: null };
      return json(state);
    },
    'POST /api/replays/r-1/pause': () => {
      state = { ...state, status: 'paused', rate: null, etaSeconds: null };
      return json(state);
    },
  });
}

const panel = () => screen.findByRole('region', { name: 'Replay r-1' });
const fact = (facts: HTMLElement, label: string) =>
  within(facts).getByText(label).nextElementSibling?.textContent ?? '';

describe('Replay progress', () => {
  it('shows a progress bar with the counts, the rate and the ETA', async () => {
    stubProgress('operator');
    renderApp('/dlqs/local/payments-dlt?replay=r-1');
    const region = await panel();
    const bar = await within(region).findByRole('progressbar', { name: 'Replay progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('602');
    expect(bar.getAttribute('aria-valuemax')).toBe('1204');
    expect(bar.getAttribute('aria-valuetext')).toBe('602 of 1,204 (50 %)');
    const facts = within(region).getByLabelText('Replay progress facts');
    expect(fact(facts, 'Replayed')).toBe('600');
    expect(fact(facts, 'Skipped')).toBe('2');
    expect(fact(facts, 'Rate')).toBe('120/s');
    expect(fact(facts, 'ETA')).toBe('1 m 15 s');
    expect(fact(facts, 'By')).toBe('user:alice');
    expect(within(region).getByText('running')).toBeTruthy();
  });

  it('asks before cancelling, then calls the cancel endpoint', async () => {
    const { calls } = stubProgress('operator');
    renderApp('/dlqs/local/payments-dlt?replay=r-1');
    const region = await panel();
    fireEvent.click(await within(region).findByRole('button', { name: 'Cancel replay…' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel replay r-1?' });
    expect(within(dialog).getByText(/600 of 1,204 selected records are replayed/)).toBeTruthy();

    // Keeping it running sends nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep replaying' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some((c) => c.url.endsWith('/cancel'))).toBe(false);

    fireEvent.click(within(region).getByRole('button', { name: 'Cancel replay…' }));
    fireEvent.click(
      within(screen.getByRole('dialog', { name: 'Cancel replay r-1?' })).getByRole('button', {
        name: 'Cancel replay',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const cancel = calls.find((c) => c.url === '/api/replays/r-1/cancel');
    expect(cancel?.method).toBe('POST');
    expect(cancel?.headers['x-csrf-token']).toBe('csrf-operator');
    expect(await within(region).findByText('cancelled')).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Cancel replay…' })).toBeNull();
  });

  it('pauses a running replay', async () => {
    const { calls } = stubProgress('operator');
    renderApp('/dlqs/local/payments-dlt?replay=r-1');
    const region = await panel();
    fireEvent.click(await within(region).findByRole('button', { name: 'Pause' }));
    expect(await within(region).findByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/replays/r-1/pause')).toBe(true);
  });

  it('shows a viewer the progress without the controls', async () => {
    stubProgress('viewer');
    renderApp('/dlqs/local/payments-dlt?replay=r-1');
    const region = await panel();
    await screen.findByRole('button', { name: 'Sign out' });
    expect(within(region).getByRole('progressbar')).toBeTruthy();
    expect(within(region).queryByRole('button', { name: /Cancel|Pause/ })).toBeNull();
  });

  it('lists the recent replays of the DLQ, each opening its progress', async () => {
    const { calls } = stubProgress('viewer', replay({ status: 'completed', finishedAt: null }));
    const { router } = renderApp('/dlqs/local/payments-dlt');
    const table = await screen.findByRole('table', { name: 'Recent replays' });
    expect(
      calls.some((c) => c.url === '/api/replays?cluster=local&dlq=payments-dlt&limit=20'),
    ).toBe(true);
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByText('completed')).toBeTruthy();
    expect(within(row).getByText('600 / 1,204')).toBeTruthy();
    expect(within(row).getByText('user:alice')).toBeTruthy();
    fireEvent.click(within(row).getByRole('link', { name: 'Progress of replay r-1' }));
    await panel();
    expect(router.state.location.search).toBe('?replay=r-1');
  });
});
