import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render';
import { json, sessionAs, stubApi, type Call } from '../../test/stubApi';
import { PAGE_LOAD, rule } from './testFixtures';

const describedText = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

function rulesApi(answer: (call: Call) => Response, role: 'admin' | 'viewer' = 'admin') {
  return stubApi({
    'GET /api/session': sessionAs(role),
    'GET /api/alert-rules': [rule()],
    'POST /api/alert-rules': answer,
  });
}

function fillNewRule() {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Billing lag' } });
  fireEvent.change(screen.getByLabelText('group'), { target: { value: 'billing' } });
  fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '2' } });
  fireEvent.change(screen.getByLabelText('Threshold unit'), { target: { value: '60' } });
  fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'critical' } });
}

describe('RuleEditPage', () => {
  it('sends the rule in the metric’s base unit and goes back to the list', async () => {
    const { calls } = rulesApi(() => json(rule({ id: 'r-new', name: 'Billing lag' }), 201));
    const { router } = renderApp('/alerts/rules/new');
    await screen.findByRole('form', { name: 'Alert rule' }, PAGE_LOAD);
    fillNewRule();
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/alerts/rules'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      name: 'Billing lag',
      metric: 'lagSeconds',
      matchers: { group: 'billing' },
      op: '>',
      threshold: 120,
      forSeconds: 60,
      severity: 'critical',
    });
  });

  it('shows the api’s 400 next to the field it names', async () => {
    rulesApi(() =>
      json(
        {
          error: {
            code: 'bad_request',
            message: 'invalid body: threshold: must be below 86400',
            details: { issues: [{ path: 'threshold', message: 'must be below 86400' }] },
          },
        },
        400,
      ),
    );
    renderApp('/alerts/rules/new');
    await screen.findByRole('form', { name: 'Alert rule' }, PAGE_LOAD);
    fillNewRule();
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    const threshold = screen.getByLabelText('Threshold');
    await waitFor(() => expect(threshold.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(threshold)).toBe('must be below 86400');
    // Named fields only: the name field has no error, and nothing is left unexplained.
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('form', { name: 'Alert rule' }).textContent).not.toContain(
      'invalid body',
    );
  });

  it('checks the form before sending: a bad regex is shown on its matcher', async () => {
    const { calls } = rulesApi(() => json(rule(), 201));
    renderApp('/alerts/rules/new');
    await screen.findByRole('form', { name: 'Alert rule' }, PAGE_LOAD);
    fillNewRule();
    fireEvent.change(screen.getByLabelText('group'), { target: { value: '=~bill(' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(describedText(screen.getByLabelText('group'))).toBe(
      'must be a valid regular expression',
    );
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('lists rules read-only for viewers and gates the editor', async () => {
    rulesApi(() => json({}, 201), 'viewer');
    renderApp('/alerts/rules');
    const table = await screen.findByRole('table', { name: 'Alert rules' }, PAGE_LOAD);
    const row = within(table).getByText('Consumer lag').closest('tr') as HTMLElement;
    expect(within(row).getByText('> 1 m')).toBeTruthy();
    expect(within(row).getByText('default')).toBeTruthy();
    await screen.findByText('viewer-user');
    expect(screen.queryByRole('link', { name: 'New rule' })).toBeNull();
    expect(within(table).queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});
