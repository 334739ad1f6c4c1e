import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dlqStats } from '../../test/lagFixtures';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi, type Call } from '../../test/stubApi';
import { dlqMessage, dryRun, messagePage, replay } from './fixtures';

const DLQ = '/api/dlqs/local/payments-dlt';

/** A gate the test opens by hand: the dry run answers only when the test says so. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function stubReplayApi(answers: Record<string, (call: Call) => Response> = {}) {
  const stub = stubApi({
    'GET /api/session': sessionAs('operator'),
    'GET /api/dlqs': [dlqStats({ topic: 'payments-dlt', depth: 1210, sourceTopics: ['payments'] })],
    'GET /api/replays': [],
    [`GET ${DLQ}/messages`]: messagePage([
      dlqMessage(),
      dlqMessage({ offset: '42', origin: { topic: 'shipments', partition: 0, offset: '9' } }),
    ]),
    [`POST ${DLQ}/replays`]: (call) => {
      const body = call.body as { dryRun: boolean };
      return body.dryRun ? json(dryRun()) : json({ id: 'r-9' }, 202);
    },
    'GET /api/replays/r-9': replay({ id: 'r-9', status: 'pending', replayed: 0, rate: null }),
    ...answers,
  });
  return stub;
}

/** Holds back every dry run until `open()`. */
function holdDryRuns(fetchMock: ReturnType<typeof stubApi>['fetchMock']) {
  const held = gate();
  const answer = fetchMock.getMockImplementation();
  fetchMock.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!answer) throw new Error('stubApi installs an implementation');
    const response = answer(input, init);
    if (init?.method === 'POST' && String(input).endsWith('/replays')) await held.opened;
    return response;
  });
  return held;
}

const dryRuns = (calls: Call[]) =>
  calls.filter((c) => c.method === 'POST' && (c.body as { dryRun?: boolean }).dryRun === true);

async function openReplay(name = 'Replay all…') {
  fireEvent.click(await screen.findByRole('button', { name }));
  return screen.getByRole('dialog', { name: 'Replay dead letters from payments-dlt' });
}

describe('Replay dialog', () => {
  it('keeps the confirm button disabled until the dry run answers, then names count and target', async () => {
    const { calls, fetchMock } = stubReplayApi();
    const held = holdDryRuns(fetchMock);
    renderApp('/dlqs/local/payments-dlt');
    const dialog = await openReplay();

    // The dry run starts by itself when the dialog opens.
    await waitFor(() => expect(dryRuns(calls)).toHaveLength(1));
    expect(dryRuns(calls)[0]?.body).toEqual({ selection: { all: true }, dryRun: true });
    const waiting = within(dialog).getByRole('button', { name: 'Waiting for the dry run…' });
    expect((waiting as HTMLButtonElement).disabled).toBe(true);

    held.open();
    const confirm = await within(dialog).findByRole('button', {
      name: 'Replay 1,204 messages to payments',
    });
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    const counts = within(dialog).getByRole('table', { name: 'Would replay' });
    expect(within(counts).getByText('payments')).toBeTruthy();
    expect(within(dialog).getByText('1,210 selected; 1,204 would be replayed.')).toBeTruthy();
    expect(
      within(dialog).getByText('4 messages already replayed 3 times (loop guard)'),
    ).toBeTruthy();
    expect(within(dialog).getByText('2 messages already replayed or discarded')).toBeTruthy();
    expect(
      calls.some((c) => c.method === 'POST' && c.body && !(c.body as { dryRun: boolean }).dryRun),
    ).toBe(false);
  });

  it('runs the dry run again when the target or rate changes, and sends the same body to start', async () => {
    const { calls } = stubReplayApi({
      [`POST ${DLQ}/replays`]: (call) => {
        const body = call.body as { dryRun: boolean; target?: string };
        if (!body.dryRun) return json({ id: 'r-9' }, 202);
        return json(dryRun({ counts: { [body.target ?? 'payments']: 1204 } }));
      },
    });
    const { router } = renderApp('/dlqs/local/payments-dlt');
    const dialog = await openReplay();
    await within(dialog).findByRole('button', { name: 'Replay 1,204 messages to payments' });

    fireEvent.click(within(dialog).getByRole('radio', { name: 'Another topic' }));
    const topic = within(dialog).getByLabelText('Target topic');
    fireEvent.change(topic, { target: { value: 'payments dlq' } });
    expect(within(dialog).getByText('Not a Kafka topic name')).toBeTruthy();
    expect(
      (within(dialog).getByRole('button', { name: 'Fix the fields above' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    fireEvent.change(topic, { target: { value: 'payments-retry' } });
    fireEvent.change(within(dialog).getByLabelText('Rate (records per second)'), {
      target: { value: '200' },
    });
    const confirm = await within(dialog).findByRole('button', {
      name: 'Replay 1,204 messages to payments-retry',
    });
    expect(dryRuns(calls).at(-1)?.body).toEqual({
      selection: { all: true },
      target: 'payments-retry',
      ratePerSecond: 200,
      dryRun: true,
    });

    fireEvent.click(confirm);
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: /Replay dead letters/ })).toBeNull(),
    );
    const start = calls.find((c) => c.method === 'POST' && !(c.body as { dryRun: boolean }).dryRun);
    expect(start?.body).toEqual({
      selection: { all: true },
      target: 'payments-retry',
      ratePerSecond: 200,
      dryRun: false,
    });
    expect(start?.headers['x-csrf-token']).toBe('csrf-operator');
    // The progress of the new replay opens on the page.
    await screen.findByRole('region', { name: 'Replay r-9' });
    expect(router.state.location.search).toBe('?replay=r-9');
  });

  it('replays the ticked messages to their original topics, naming each', async () => {
    const { calls } = stubReplayApi({
      [`POST ${DLQ}/replays`]: () =>
        json(
          dryRun({
            selected: 2,
            counts: { shipments: 1, payments: 1 },
            skipped: { loopGuard: 0, handled: 0, noTarget: 0 },
          }),
        ),
    });
    renderApp('/dlqs/local/payments-dlt');
    const region = await screen.findByRole('region', { name: 'Dead letter messages' });
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Select 0-41' }));
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Select 0-42' }));
    const dialog = await openReplay('Replay 2 selected…');
    expect(
      (within(dialog).getByRole('radio', { name: 'The 2 messages selected' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    await within(dialog).findByRole('button', {
      name: 'Replay 2 messages to their original topics (payments, shipments)',
    });
    expect(dryRuns(calls)[0]?.body).toEqual({
      selection: {
        offsets: [
          { partition: 0, offset: '41' },
          { partition: 0, offset: '42' },
        ],
      },
      dryRun: true,
    });
  });

  it('takes over the filter as the selection', async () => {
    const { calls } = stubReplayApi();
    renderApp('/dlqs/local/payments-dlt?error=com.acme.PaymentDeclined&key=k1');
    const dialog = await openReplay('Replay matching…');
    await within(dialog).findByRole('button', { name: 'Replay 1,204 messages to payments' });
    expect(dryRuns(calls)[0]?.body).toEqual({
      selection: { filter: { errorClass: 'com.acme.PaymentDeclined', key: 'k1' } },
      dryRun: true,
    });
  });

  it('says when there is nothing to replay', async () => {
    stubReplayApi({
      [`POST ${DLQ}/replays`]: () =>
        json(
          dryRun({ selected: 3, counts: {}, skipped: { loopGuard: 0, handled: 3, noTarget: 0 } }),
        ),
    });
    renderApp('/dlqs/local/payments-dlt');
    const dialog = await openReplay();
    const button = await within(dialog).findByRole('button', { name: 'Nothing to replay' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Discard dialog', () => {
  it('counts with a dry run first and asks for confirmation naming the count', async () => {
    const { calls } = stubReplayApi({
      [`POST ${DLQ}/discards`]: (call) => {
        const body = call.body as { dryRun: boolean };
        return json({ dryRun: body.dryRun, discarded: 12, alreadyHandled: 1 });
      },
    });
    renderApp('/dlqs/local/payments-dlt?error=com.acme.PaymentDeclined');
    fireEvent.click(await screen.findByRole('button', { name: 'Discard matching…' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard dead letters in payments-dlt' });
    const confirm = await within(dialog).findByRole('button', { name: 'Discard 12 messages' });
    expect(within(dialog).getByText(/12 messages would be marked discarded/)).toBeTruthy();
    expect(calls.filter((c) => c.url.endsWith('/discards'))).toHaveLength(1);

    fireEvent.change(within(dialog).getByLabelText('Why (kept in the audit log)'), {
      target: { value: 'known bad deploy' },
    });
    fireEvent.click(confirm);
    expect(await screen.findByText('Discarded 12 messages.')).toBeTruthy();
    const discards = calls.filter((c) => c.url.endsWith('/discards'));
    expect(discards[0]?.body).toEqual({
      selection: { filter: { errorClass: 'com.acme.PaymentDeclined' } },
      dryRun: true,
    });
    expect(discards.filter((c) => (c.body as { dryRun: boolean }).dryRun === false)).toEqual([
      expect.objectContaining({
        body: {
          selection: { filter: { errorClass: 'com.acme.PaymentDeclined' } },
          comment: 'known bad deploy',
          dryRun: false,
        },
      }),
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('changes nothing when cancelled', async () => {
    const { calls } = stubReplayApi({
      [`POST ${DLQ}/discards`]: () => json({ dryRun: true, discarded: 2, alreadyHandled: 0 }),
    });
    renderApp('/dlqs/local/payments-dlt');
    fireEvent.click(await screen.findByRole('button', { name: 'Discard all…' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard dead letters in payments-dlt' });
    await within(dialog).findByRole('button', { name: 'Discard 2 messages' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      calls.filter((c) => c.url.endsWith('/discards') && !(c.body as { dryRun: boolean }).dryRun),
    ).toHaveLength(0);
  });
});
