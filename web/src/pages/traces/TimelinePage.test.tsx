import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bigTimeline, ids, shopTimeline, TRACE_A } from '../../components/timeline/fixtures';
import { withLayout } from '../../test/layout';
import { renderApp } from '../../test/render';
import { apiError, stubApi } from '../../test/stubApi';

const path = `/api/traces/${TRACE_A}`;
const spanList = () => screen.getByRole('listbox', { name: 'Spans by service' });
const rowOf = (spanId: string) => {
  const row = document.getElementById(`span-row-${spanId}`);
  if (!row) throw new Error(`row ${spanId} not rendered`);
  return row;
};

describe('TimelinePage', () => {
  withLayout(1400, 700);

  it('shows the header, service lanes, a hatched queue wait and the DLQ detour', async () => {
    stubApi({ [`GET ${path}`]: shopTimeline() });
    renderApp(`/traces/${TRACE_A}`);
    const list = await screen.findByRole('listbox', { name: 'Spans by service' });
    expect(screen.getByText('corr-42')).toBeTruthy();
    expect(screen.getByText('1 error')).toBeTruthy();
    expect(screen.getByText('200 ms', { selector: 'dd' })).toBeTruthy();

    const lanes = list.querySelectorAll('.tl-lane .tl-lane-name');
    expect([...lanes].map((l) => l.textContent)).toEqual(['orders', 'payments', 'shipping']);
    expect(within(list).getAllByRole('option')).toHaveLength(4);

    const wait = rowOf(ids.process).querySelector('.tl-wait');
    expect(wait?.getAttribute('title')).toBe('Queue wait 40 ms on orders');
    expect((wait as HTMLElement).style.left).toBe('5%');
    expect((wait as HTMLElement).style.width).toBe('20%');

    expect(within(rowOf(ids.dlq)).getByText('DLQ payments-dlt')).toBeTruthy();
    expect(list.querySelector('.tl-band-dlq')).toBeTruthy();
    expect(within(rowOf(ids.replay)).getByText('replay replay-7')).toBeTruthy();
    expect(within(rowOf(ids.process)).getByText('✕ error')).toBeTruthy();
    expect(within(rowOf(ids.send)).getByText('producer')).toBeTruthy();
    expect(list.querySelectorAll('.tl-connector')).toHaveLength(1);
  });

  it('lists clock-skew corrections in words', async () => {
    stubApi({ [`GET ${path}`]: shopTimeline() });
    renderApp(`/traces/${TRACE_A}`);
    const item = await screen.findByText(/span shifted/);
    expect(item.textContent).toContain(
      'payments span shifted +12 ms: consumer started before its producer',
    );
  });

  it('highlights the critical path and dims the rest', async () => {
    stubApi({ [`GET ${path}`]: shopTimeline() });
    const { router } = renderApp(`/traces/${TRACE_A}`);
    const toggle = await screen.findByRole('button', { name: /Critical path/ });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(spanList().closest('.tl')?.classList.contains('tl-critical-mode')).toBe(true);
    expect(rowOf(ids.process).classList.contains('is-critical')).toBe(true);
    expect(rowOf(ids.replay).classList.contains('is-critical')).toBe(false);
    expect(new URLSearchParams(router.state.location.search).get('critical')).toBe('1');
  });

  it('opens a span drawer with its attributes, keeps it in the URL and closes on Esc', async () => {
    stubApi({ [`GET ${path}`]: shopTimeline() });
    const { router } = renderApp(`/traces/${TRACE_A}?range=6h`);
    await screen.findByRole('listbox');
    fireEvent.click(rowOf(ids.process));

    const drawer = await screen.findByRole('dialog', { name: 'process orders' });
    const attrs = within(within(drawer).getByRole('table', { name: 'Attributes' }));
    expect(attrs.getByText('db.system')).toBeTruthy();
    expect(attrs.getByText('postgresql')).toBeTruthy();
    expect(within(drawer).getByText('✕ error: Query timed out after 5000ms')).toBeTruthy();
    expect(within(drawer).getByText('shifted +12 ms')).toBeTruthy();
    expect(within(drawer).getByText(/^otlp/)).toBeTruthy();
    expect(within(drawer).getByText('89', { selector: 'dd span' })).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('span')).toBe(ids.process);

    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.search).toBe('?range=6h');
  });

  it('moves with the arrows, opens with Enter, and jumps along links', async () => {
    stubApi({ [`GET ${path}`]: shopTimeline() });
    const { router } = renderApp(`/traces/${TRACE_A}`);
    const list = await screen.findByRole('listbox');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe(`span-row-${ids.process}`);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(await screen.findByRole('dialog', { name: 'process orders' })).toBeTruthy();
    // With the drawer open, it follows the cursor.
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(await screen.findByRole('dialog', { name: 'send payments-dlt' })).toBeTruthy();

    const marker = within(rowOf(ids.dlq)).getByRole('button', { name: /linked from/ });
    fireEvent.click(marker);
    const drawer = await screen.findByRole('dialog', { name: 'process payments' });
    expect(new URLSearchParams(router.state.location.search).get('span')).toBe(ids.replay);
    fireEvent.click(within(drawer).getByRole('button', { name: 'payments · send payments-dlt' }));
    expect(await screen.findByRole('dialog', { name: 'send payments-dlt' })).toBeTruthy();
  });

  it('says when nothing matches the id', async () => {
    stubApi({ 'GET /api/traces/nope': () => apiError(404, 'not_found', 'no spans') });
    renderApp('/traces/nope');
    expect(await screen.findByText('No trace or correlation id “nope”')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Search traces' })).toBeTruthy();
  });

  it('shows other failures with a retry', async () => {
    stubApi({ [`GET ${path}`]: () => apiError(500, 'internal', 'store down') });
    renderApp(`/traces/${TRACE_A}`);
    expect(await screen.findByText('Could not load the timeline')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('mounts only a window of rows for a 10 000-span trace, with a minimap', async () => {
    stubApi({ [`GET ${path}`]: bigTimeline(10_000) });
    renderApp(`/traces/${TRACE_A}`);
    const list = await screen.findByRole('listbox');
    const rendered = within(list).getAllByRole('option');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(80);
    expect(screen.getByText('10,000', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByTestId('minimap')).toBeTruthy();
    const canvas = list.querySelector('.tl-canvas') as HTMLElement;
    expect(canvas.style.height).toBe(`${10_010 * 26}px`);
  });
});
