import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TimeRow } from './charts/timeRows';
import { groupHistory, groupLag } from '../test/lagFixtures';
import { renderApp } from '../test/render';
import { stubApi } from '../test/stubApi';
import { PAGE_LOAD } from '../pages/alerts/testFixtures';

vi.mock('./charts/TimeChart', () => ({
  TimeChart: (props: { title: string; data: readonly TimeRow<string>[] }) => (
    <figure aria-label={props.title} />
  ),
}));

const DETAIL = 'GET /api/consumer-groups/local/billing';
const hourAgo = () => new Date(Date.now() - 3_600_000);
/** A `datetime-local` value; the tests run in UTC (web/vitest.config.ts). */
const local = (d: Date) => d.toISOString().slice(0, 16);

function openCustom() {
  fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
  return screen.getByRole('form', { name: 'Custom time range' });
}

describe('TimeRangePicker custom range', () => {
  it('writes from/to to the URL, and the history charts ask for exactly that window', async () => {
    const { calls } = stubApi({
      [DETAIL]: groupLag(),
      [`${DETAIL}/history`]: groupHistory([1, 2]),
    });
    const { router } = renderApp('/groups/local/billing?range=6h');
    await screen.findByRole('figure', { name: 'Lag (time)' }, PAGE_LOAD);
    const form = openCustom();
    // Opens on the window shown now: the last 6 h.
    const from = within(form).getByLabelText('From') as HTMLInputElement;
    expect(Date.now() - Date.parse(`${from.value}Z`)).toBeGreaterThan(6 * 3600_000 - 60_000);

    fireEvent.change(from, { target: { value: '2024-05-01T10:00' } });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2024-05-01T12:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));

    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('from')).toBe('2024-05-01T10:00:00.000Z');
    expect(params.get('to')).toBe('2024-05-01T12:30:00.000Z');
    expect(params.get('range')).toBeNull();
    expect(screen.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByLabelText('Custom time range').textContent).toBe(
      '2024-05-01 10:00 – 2024-05-01 12:30',
    );

    await waitFor(() => {
      const last = calls.filter((c) => c.url.includes('/history')).at(-1);
      const sent = new URL(last?.url ?? '/', 'http://x').searchParams;
      expect(sent.get('from')).toBe('2024-05-01T10:00:00.000Z');
      expect(sent.get('to')).toBe('2024-05-01T12:30:00.000Z');
    });
    // Nav links carry the window to the next page.
    expect(screen.getByRole('link', { name: 'Topics' }).getAttribute('href')).toBe(
      `/topics?from=2024-05-01T10%3A00%3A00.000Z&to=2024-05-01T12%3A30%3A00.000Z`,
    );
  });

  it('reads a pasted link back, and a preset replaces it', async () => {
    stubApi({});
    const { router } = renderApp(
      '/topics?from=2024-05-01T10:00:00.000Z&to=2024-05-01T12:30:00.000Z',
    );
    expect((await screen.findByLabelText('Custom time range', {}, PAGE_LOAD)).textContent).toBe(
      '2024-05-01 10:00 – 2024-05-01 12:30',
    );
    const form = openCustom();
    expect((within(form).getByLabelText('From') as HTMLInputElement).value).toBe(
      '2024-05-01T10:00',
    );
    expect((within(form).getByLabelText('To') as HTMLInputElement).value).toBe('2024-05-01T12:30');

    fireEvent.click(screen.getByRole('button', { name: '15 m' }));
    expect(router.state.location.search).toBe('?range=15m');
    expect(screen.queryByRole('form', { name: 'Custom time range' })).toBeNull();
    expect(screen.queryByLabelText('Custom time range')).toBeNull();
  });

  it('refuses an end before the start, and an end in the future', async () => {
    stubApi({});
    const { router } = renderApp('/topics');
    await screen.findByRole('button', { name: 'Custom' }, PAGE_LOAD);
    const form = openCustom();
    const to = within(form).getByLabelText('To');
    fireEvent.change(within(form).getByLabelText('From'), {
      target: { value: local(hourAgo()) },
    });
    fireEvent.change(to, { target: { value: local(new Date(Date.now() - 2 * 3_600_000)) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('The end must be after the start')).toBeTruthy();

    fireEvent.change(to, { target: { value: local(new Date(Date.now() + 3_600_000)) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(within(form).getByText('The end must not be in the future')).toBeTruthy();
    expect(router.state.location.search).toBe('');
  });

  it('ignores a malformed window in the URL and keeps the preset', async () => {
    stubApi({});
    renderApp('/topics?range=6h&from=yesterday&to=2024-05-01T12:30:00.000Z');
    expect(
      (await screen.findByRole('button', { name: '6 h' }, PAGE_LOAD)).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(screen.queryByLabelText('Custom time range')).toBeNull();
  });
});
