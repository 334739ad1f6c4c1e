import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlertRuleSchema,
  AlertSchema,
  ApiErrorSchema,
  SilenceSchema,
  type StreamEvent,
} from '@eventscope/shared';
import { startTestApp, type TestApp } from '../../testing/app';
import { makeGroup, makeSnapshot } from '../../testing/snapshots';

let app: TestApp;
const events: StreamEvent[] = [];
beforeAll(async () => {
  app = await startTestApp({ limits: { writesPerMinute: 100_000, loginsPerMinute: 100_000 } });
  app.deps.events.subscribe((e) => events.push(e));
});
afterAll(() => app.close());

type Role = 'viewer' | 'operator' | 'admin';
async function call(role: Role, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${app.tokens[role]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const valid = {
  name: 'Payments lag',
  metric: 'lagSeconds',
  matchers: { group: '=~pay.*' },
  op: '>',
  threshold: 30,
  forSeconds: 0,
  severity: 'critical',
  annotations: { summary: '{{labels.group}} is {{value}} s behind' },
};

describe('alert rules API', () => {
  it.each([
    ['an unknown metric', { ...valid, metric: 'cpu' }, 'metric'],
    ['a negative for', { ...valid, forSeconds: -5 }, 'forSeconds'],
    ['a bad matcher regex', { ...valid, matchers: { group: '=~(unclosed' } }, 'matchers.group'],
    ['an unknown matcher label', { ...valid, matchers: { pod: 'x' } }, 'matchers'],
    [
      'a label the metric does not have',
      { ...valid, matchers: { service: 'x' } },
      'matchers.service',
    ],
    ['a broken template', { ...valid, annotations: { summary: '{{#x}}' } }, 'annotations.summary'],
    ['a reserved label', { ...valid, labels: { alertname: 'x' } }, 'labels.alertname'],
    ['statuses on another metric', { ...valid, statuses: ['STOP'] }, 'statuses'],
  ])('%s → 400 naming the field', async (_what, body, field) => {
    const res = await call('admin', 'POST', '/alert-rules', body);
    expect(res.status).toBe(400);
    const error = ApiErrorSchema.parse(res.body).error;
    expect(error.message).toMatch(new RegExp(`^invalid body: ${field.replace('.', '\\.')}: `));
    expect(JSON.stringify(error.details)).toContain(field);
  });

  it('create, read, replace, delete (admin); viewers read; names are unique', async () => {
    expect((await call('operator', 'POST', '/alert-rules', valid)).status).toBe(403);
    const created = await call('admin', 'POST', '/alert-rules', valid);
    expect(created.status).toBe(201);
    const rule = AlertRuleSchema.parse(created.body);
    expect(rule).toMatchObject({
      name: 'Payments lag',
      seeded: false,
      health: 'ok',
      enabled: true,
    });

    expect((await call('admin', 'POST', '/alert-rules', valid)).status).toBe(409);
    const list = AlertRuleSchema.array().parse((await call('viewer', 'GET', '/alert-rules')).body);
    expect(list.map((r) => r.name)).toContain('Payments lag');
    // The DESIGN.md defaults are there from the first start.
    expect(list.filter((r) => r.seeded)).toHaveLength(6);

    const replaced = await call('admin', 'PUT', `/alert-rules/${rule.id}`, {
      ...valid,
      threshold: 45,
    });
    expect(replaced.status).toBe(200);
    expect(AlertRuleSchema.parse(replaced.body).threshold).toBe(45);
    expect((await call('viewer', 'GET', `/alert-rules/${rule.id}`)).body).toMatchObject({
      threshold: 45,
    });

    expect((await call('admin', 'DELETE', `/alert-rules/${rule.id}`)).status).toBe(204);
    expect((await call('viewer', 'GET', `/alert-rules/${rule.id}`)).status).toBe(404);
    const audit = (await call('admin', 'GET', '/audit?limit=20')).body as {
      entries: { action: string; outcome: string }[];
    };
    const actions = audit.entries.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'alert-rule.create:success',
        'alert-rule.create:failure',
        'POST /api/alert-rules:denied',
        'alert-rule.update:success',
        'alert-rule.delete:success',
      ]),
    );
  });
});

describe('alerts, acknowledgements and silences API', () => {
  it('a recorded snapshot fires a rule; alerts filter; operators ack and silence', async () => {
    const created = await call('admin', 'POST', '/alert-rules', {
      ...valid,
      name: 'Lag now',
      severity: 'warning',
    });
    expect(created.status).toBe(201);
    const snapshot = makeSnapshot(new Date().toISOString(), [
      makeGroup('payments', 500, 120),
      makeGroup('orders', 500, 120),
    ]);
    expect((await call('operator', 'POST', '/snapshots', snapshot)).status).toBe(202);
    expect(events).toContainEqual({ type: 'alerts', keys: [['alerts'], ['alert-rules']] });

    const firing = AlertSchema.array().parse(
      (await call('viewer', 'GET', '/alerts?state=firing&severity=warning')).body,
    );
    expect(firing).toEqual([
      expect.objectContaining({
        ruleName: 'Lag now',
        labels: expect.objectContaining({ group: 'payments' }),
        annotations: { summary: 'payments is 120 s behind' },
        url: '/groups/c1/payments?range=15m',
      }),
    ]);
    const alert = firing[0];
    if (!alert) throw new Error('no alert');
    // The seeded "Consumer lag" rule (> 60 s for 60 s) is pending for both groups.
    const pending = AlertSchema.array().parse(
      (await call('viewer', 'GET', '/alerts?state=pending&labels=group=orders')).body,
    );
    expect(pending.map((a) => a.ruleName)).toEqual(['Consumer lag']);
    expect((await call('viewer', 'GET', '/alerts?state=bogus')).status).toBe(400);
    expect((await call('viewer', 'GET', `/alerts/${alert.id}`)).body).toMatchObject({
      id: alert.id,
    });

    expect((await call('viewer', 'POST', `/alerts/${alert.id}/ack`, {})).status).toBe(403);
    const acked = await call('operator', 'POST', `/alerts/${alert.id}/ack`, { comment: 'mine' });
    expect(acked.status).toBe(200);
    expect(AlertSchema.parse(acked.body).acknowledged).toMatchObject({
      by: 'token:operator',
      comment: 'mine',
    });
    const unacked = await call('operator', 'DELETE', `/alerts/${alert.id}/ack`);
    expect(AlertSchema.parse(unacked.body).acknowledged).toBeNull();
    expect((await call('operator', 'POST', '/alerts/0000000000000000/ack', {})).status).toBe(404);

    const silence = await call('operator', 'POST', '/silences', {
      matchers: [{ label: 'alertname', value: 'Lag now' }],
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      comment: 'known issue',
    });
    expect(silence.status).toBe(201);
    const { id } = SilenceSchema.parse(silence.body);
    const silenced = AlertSchema.array().parse(
      (await call('viewer', 'GET', '/alerts?silenced=true')).body,
    );
    expect(silenced.map((a) => a.id)).toEqual([alert.id]);
    expect(silenced[0]?.silencedBy).toEqual([id]);
    const listed = SilenceSchema.array().parse(
      (await call('viewer', 'GET', '/silences?status=active')).body,
    );
    expect(listed.map((s) => s.id)).toEqual([id]);
    const expired = await call('operator', 'DELETE', `/silences/${id}`);
    expect(SilenceSchema.parse(expired.body).status).toBe('expired');
    expect((await call('viewer', 'GET', '/alerts?silenced=true')).body).toEqual([]);
    expect((await call('operator', 'DELETE', `/silences/${id}x`)).status).toBe(404);
  });
});
