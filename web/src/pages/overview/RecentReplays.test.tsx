import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { replay } from '../dlqs/fixtures';
import { renderWithProviders } from '../../test/render';
import { stubApi } from '../../test/stubApi';
import { RecentReplays } from './RecentReplays';

describe('RecentReplays (overview)', () => {
  it('lists the latest replays with status and progress, each linking to its DLQ', async () => {
    const { calls } = stubApi({
      'GET /api/replays': [
        replay(),
        replay({ id: 'r-0', status: 'failed', selected: null, replayed: 3, target: 'retry' }),
      ],
    });
    renderWithProviders(<RecentReplays cluster="local" />, { path: '/?cluster=local' });
    const table = await screen.findByRole('table', { name: 'Recent replays' });
    expect(calls[0]?.url).toBe('/api/replays?cluster=local&limit=5');
    const rows = within(table).getAllByRole('row').slice(1);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByText('running')).toBeTruthy();
    expect(first.getByText('600 / 1,204')).toBeTruthy();
    expect(first.getByRole('link', { name: 'payments-dlt' }).getAttribute('href')).toBe(
      '/dlqs/local/payments-dlt?cluster=local&replay=r-1',
    );
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('failed')).toBeTruthy();
    // The selection is not counted yet: unknown, not zero.
    expect(second.getByText('3 / ?')).toBeTruthy();
    expect(second.getByText('retry')).toBeTruthy();
  });

  it('says what would appear when there is no replay yet', async () => {
    stubApi({ 'GET /api/replays': [] });
    renderWithProviders(<RecentReplays cluster={null} />);
    expect(await screen.findByText('No replays yet')).toBeTruthy();
  });
});
