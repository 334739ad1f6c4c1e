import { describe, expect, it } from 'vitest';
import { toApiError } from '../../api/errors';
import { HttpFailure } from '../../api/errors';
import { apiFieldErrors, errorAt, unplacedErrors } from './fieldErrors';
import { fromQuantity, toQuantity, UNIT_SCALES } from './metrics';
import { notifierInputFromDraft, NEW_NOTIFIER } from './notifierForm';
import { draftFromRule, NEW_RULE, ruleInputFromDraft } from './ruleForm';
import { emptySilence, silenceInputFromDraft } from './silenceForm';
import { rule } from './testFixtures';

describe('quantities', () => {
  it('shows a value in the largest unit that keeps it whole, and converts back', () => {
    expect(toQuantity(3600, UNIT_SCALES.seconds)).toEqual({ amount: '1', factor: 3600 });
    expect(toQuantity(90, UNIT_SCALES.seconds)).toEqual({ amount: '90', factor: 1 });
    expect(toQuantity(1024 * 1024, UNIT_SCALES.bytes)).toEqual({ amount: '1', factor: 1048576 });
    expect(toQuantity(0, UNIT_SCALES.seconds)).toEqual({ amount: '0', factor: 1 });
    expect(fromQuantity({ amount: '1.5', factor: 60 })).toBe(90);
    expect(fromQuantity({ amount: '', factor: 60 })).toBeNaN();
    expect(fromQuantity({ amount: 'ten', factor: 1 })).toBeNaN();
  });
});

describe('ruleInputFromDraft', () => {
  it('round-trips a stored rule', () => {
    const stored = rule({
      matchers: { cluster: 'local', group: '=~pay.*' },
      labels: { team: 'payments' },
      annotations: { summary: '{{labels.group}} is behind' },
      forSeconds: 300,
      keepFiringForSeconds: 120,
    });
    const checked = ruleInputFromDraft(draftFromRule(stored));
    expect(checked).toEqual({
      ok: true,
      input: {
        name: stored.name,
        metric: 'lagSeconds',
        matchers: { cluster: 'local', group: '=~pay.*' },
        op: '>',
        threshold: 60,
        forSeconds: 300,
        keepFiringForSeconds: 120,
        severity: 'critical',
        labels: { team: 'payments' },
        annotations: { summary: '{{labels.group}} is behind' },
        enabled: true,
      },
    });
  });

  it('a status rule sends its statuses as == 1 and requires one', () => {
    const draft = { ...NEW_RULE, name: 'Stuck', metric: 'groupStatus' as const };
    expect(ruleInputFromDraft(draft)).toMatchObject({
      ok: false,
      errors: { statuses: 'Pick at least one status' },
    });
    expect(ruleInputFromDraft({ ...draft, statuses: ['STOP', 'STALL'] })).toMatchObject({
      ok: true,
      input: { op: '==', threshold: 1, statuses: ['STOP', 'STALL'] },
    });
  });

  it('names each bad field', () => {
    const checked = ruleInputFromDraft({
      ...NEW_RULE,
      threshold: { amount: 'abc', factor: 1 },
      labels: 'team=payments\noops',
      runbookUrl: 'not a url',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      name: expect.any(String),
      threshold: 'Enter a number',
      labels: '“oops” is not name=value',
      'annotations.runbookUrl': expect.any(String),
    });
  });
});

describe('silenceInputFromDraft', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('ends a preset from now and keeps the matchers as typed', () => {
    const draft = {
      ...emptySilence({ group: 'payments' }),
      duration: '24h' as const,
      comment: 'x',
    };
    expect(silenceInputFromDraft(draft, now)).toEqual({
      ok: true,
      input: {
        matchers: [{ label: 'group', op: '=', value: 'payments' }],
        endsAt: '2024-05-02T12:00:00.000Z',
        comment: 'x',
      },
    });
  });

  it('requires a comment, a future end and valid regexes', () => {
    const draft = {
      ...emptySilence({ group: 'payments' }),
      duration: 'custom' as const,
      endsAtLocal: '2024-05-01T11:00',
    };
    draft.matchers = [{ id: 0, label: 'group', op: '=~', value: 'pay(' }];
    const checked = silenceInputFromDraft(draft, now);
    expect(checked).toMatchObject({
      ok: false,
      errors: {
        comment: expect.stringContaining('Say why'),
        endsAt: 'The end must be in the future',
        'matchers.0.value': 'must be a valid regular expression',
      },
    });
  });
});

describe('notifierInputFromDraft', () => {
  it('requires a routing key for PagerDuty, and no URL', () => {
    const checked = notifierInputFromDraft({ ...NEW_NOTIFIER, name: 'pd', type: 'pagerduty' });
    expect(checked).toMatchObject({ ok: false, errors: { routingKey: expect.any(String) } });
    expect(
      notifierInputFromDraft({ ...NEW_NOTIFIER, name: 'pd', type: 'pagerduty', routingKey: 'k' }),
    ).toMatchObject({ ok: true, input: { type: 'pagerduty', routingKey: 'k' } });
  });

  it('refuses credentials in a webhook URL', () => {
    const checked = notifierInputFromDraft({
      ...NEW_NOTIFIER,
      name: 'w',
      url: 'https://user:pw@example.com/hook',
    });
    expect(checked).toMatchObject({
      ok: false,
      errors: { url: expect.stringContaining('credentials') },
    });
  });
});

describe('apiFieldErrors', () => {
  const failure = (details: unknown, status = 400) =>
    toApiError(
      new HttpFailure(
        status,
        'Bad Request',
        {
          error: { code: 'bad_request', message: 'invalid body', details },
        },
        undefined,
      ),
    );

  it('reads the issues of a 400 keyed by field path', () => {
    const errors = apiFieldErrors(
      failure({
        issues: [
          { path: 'matchers.group', message: 'must be a valid regular expression' },
          { path: 'body.threshold', message: 'too big' },
          { path: 'threshold', message: 'second message for the same field' },
        ],
      }),
    );
    expect(errors).toEqual({
      'matchers.group': 'must be a valid regular expression',
      threshold: 'too big',
    });
    expect(errorAt(errors, 'matchers')).toBe('must be a valid regular expression');
    expect(unplacedErrors(errors, ['threshold'])).toEqual([
      'matchers.group: must be a valid regular expression',
    ]);
  });

  it('finds nothing in other answers', () => {
    expect(apiFieldErrors(failure(undefined))).toEqual({});
    expect(apiFieldErrors(failure({ issues: [{ path: 'name', message: 'x' }] }, 409))).toEqual({});
    expect(apiFieldErrors(new Error('boom'))).toEqual({});
  });
});
