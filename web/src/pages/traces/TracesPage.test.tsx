import type { TraceSummary } from '@eventscope/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TRACE_A, TRACE_B } from '../../components/timeline/fixtures';
import { withLayout } from '../../test/layout';
import { renderApp } from '../../test/render';
import { json, stubApi, type Call } from '../../test/stubApi';

function summary(traceId: string, overrides: Partial<TraceSummary> = {}): TraceSummary {
  return {
    traceId,
    correlationIds: ['corr-42'],
    services: ['orders', 'payments'],
    startedAt: new Date(Date.now() - 120_000).toISOString(),
    durationMs: 181.7,
    spanCount: 3,
    hasError: false,
    ...overrides,
  };
}

const traceCalls = (calls: Call[]) =>
  calls.filter((c) => c.url.startsWith('/api/traces')).map((c) => new URL(c.url, 'http://x'));

const bodyRows = () => {
  const rows = within(screen.getByRole('region', { name: 'Traces' }))
    .getAllByRole('row')
    .filter((r) => r.dataset.index !== undefined);
  if (rows.length === 0) throw new Error('no rows yet');
  return rows;
};

describe('TracesPage', () => {
  withLayout();

  it('lists traces newest first with services, spans, errors and correlation ids', async () => {
    stubApi({
      'GET /api/traces': [
        summary(TRACE_A, { hasError: true }),
        summary(TRACE_B, { correlationIds: [], services: ['shipping'] }),
      ],
    });
    renderApp('/traces');
    const [first, second] = await waitFor(bodyRows);
    const r1 = within(first as HTMLElement);
    expect(r1.getByText('2 m ago')).toBeTruthy();
    expect(r1.getByText('182 ms')).toBeTruthy();
    expect(r1.getByText('payments')).toBeTruthy();
    expect(r1.getByText('error')).toBeTruthy();
    expect(r1.getByText('corr-42')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('ok')).toBeTruthy();
    expect(screen.getByText('2 traces, newest first')).toBeTruthy();
  });

  it('keeps the search in the URL and sends it to the api with the global range', async () => {
    const { calls } = stubApi({ 'GET /api/traces': [summary(TRACE_A), summary(TRACE_B)] });
    const { router } = renderApp('/traces?range=6h');
    await waitFor(bodyRows);
    fireEvent.change(screen.getByLabelText('Trace or correlation id'), {
      target: { value: ' corr-42 ' },
    });
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'payments' } });
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'payments-dlt' } });
    fireEvent.change(screen.getByLabelText('Min duration (ms)'), { target: { value: '100' } });
    fireEvent.click(screen.getByLabelText('Only with errors'));
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    const params = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(params)).toEqual({
      range: '6h',
      q: 'corr-42',
      service: 'payments',
      topic: 'payments-dlt',
      minMs: '100',
      errors: '1',
    });
    await waitFor(() => expect(traceCalls(calls).length).toBeGreaterThan(1));
    const sent = traceCalls(calls).at(-1)?.searchParams;
    expect(sent?.get('correlationId')).toBe('corr-42');
    expect(sent?.get('traceId')).toBeNull();
    expect(sent?.get('service')).toBe('payments');
    expect(sent?.get('topic')).toBe('payments-dlt');
    expect(sent?.get('hasError')).toBe('true');
    expect(sent?.get('minDurationMs')).toBe('100');
    const from = Date.parse(sent?.get('from') ?? '');
    const to = Date.parse(sent?.get('to') ?? '');
    expect(to - from).toBe(6 * 3600_000);
    // Two matches: the list stays.
    expect(router.state.location.pathname).toBe('/traces');

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(router.state.location.search).toBe('?range=6h');
  });

  it('sends a 32-hex id as a trace id and opens a single match directly', async () => {
    const { calls } = stubApi({
      'GET /api/traces': (call) =>
        json(call.url.includes('traceId=') ? [summary(TRACE_A)] : [summary(TRACE_B)]),
    });
    const { router } = renderApp('/traces');
    await waitFor(bodyRows);
    fireEvent.change(screen.getByLabelText('Trace or correlation id'), {
      target: { value: TRACE_A.toUpperCase() },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/traces/${TRACE_A}`));
    expect(traceCalls(calls).some((u) => u.searchParams.get('traceId') === TRACE_A)).toBe(true);
  });

  it('opens the timeline from a row and focuses the id box on "/"', async () => {
    stubApi({ 'GET /api/traces': [summary(TRACE_A)] });
    const { router } = renderApp('/traces?range=24h');
    const [row] = await waitFor(bodyRows);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByLabelText('Trace or correlation id'));
    fireEvent.click(within(row as HTMLElement).getByText('182 ms'));
    expect(router.state.location.pathname).toBe(`/traces/${TRACE_A}`);
    expect(router.state.location.search).toBe('?range=24h');
  });

  it('explains how traces arrive when there are none', async () => {
    stubApi({ 'GET /api/traces': [] });
    renderApp('/traces');
    expect(await screen.findByText('No traces in the last 1 h')).toBeTruthy();
    expect(screen.getByText(/Traces arrive over OTLP\/HTTP at/).textContent).toBe(
      'Traces arrive over OTLP/HTTP at /v1/traces, and hop spans from broker records carrying traceparent or a correlation-id header.',
    );
  });

  it('shows a failed search with a retry', async () => {
    stubApi({
      'GET /api/traces': () => json({ error: { code: 'internal', message: 'store down' } }, 500),
    });
    renderApp('/traces');
    expect(await screen.findByText('Could not search traces')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });
});
