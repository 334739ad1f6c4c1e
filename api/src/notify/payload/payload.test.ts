import { describe, expect, it } from 'vitest';
import type { GroupAlert } from '../grouping';
import {
  alertmanagerPayload,
  dashboardLink,
  dedupKeyOf,
  maxAlertsPerMessage,
  pagerDutyPayload,
  renderBody,
  slackPayload,
  type NotificationContext,
} from './index';

function alert(n: number, patch: Partial<GroupAlert> = {}): GroupAlert {
  return {
    fingerprint: `fp${n}`,
    status: 'firing',
    severity: 'warning',
    labels: { alertname: 'DlqDepthHigh', cluster: 'prod', dlq: `orders-${n}.DLQ` },
    annotations: { summary: `orders-${n}.DLQ holds 120 messages`, runbookUrl: 'https://rb' },
    startsAt: `2026-11-25T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    endsAt: null,
    path: `/dlqs/prod/orders-${n}.DLQ`,
    silenced: false,
    inhibited: false,
    acknowledged: false,
    ...patch,
  };
}

function ctx(patch: Partial<NotificationContext> = {}): NotificationContext {
  return {
    notifier: { id: 'n1', name: 'team-a', routingKey: 'rk' },
    groupKey: '{}:{alertname="DlqDepthHigh", cluster="prod"}',
    groupLabels: { alertname: 'DlqDepthHigh', cluster: 'prod' },
    firing: [alert(1), alert(2)],
    resolved: [],
    publicUrl: 'https://ops.example.com/eventscope/',
    ...patch,
  };
}

describe('dashboardLink', () => {
  it('keeps the base path of the public URL', () => {
    expect(dashboardLink('https://ops.example.com/eventscope/', '/dlqs/prod/x')).toBe(
      'https://ops.example.com/eventscope/dlqs/prod/x',
    );
    expect(dashboardLink('http://localhost:8080', 'groups/a/b')).toBe(
      'http://localhost:8080/groups/a/b',
    );
  });
});

describe('Alertmanager v4 payload', () => {
  it('has the v4 fields, common labels and annotations, deep links', () => {
    const body = alertmanagerPayload(
      ctx({ resolved: [alert(3, { status: 'resolved', endsAt: '2026-11-25T11:00:00.000Z' })] }),
    );
    expect(body).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'team-a',
      truncatedAlerts: 0,
      commonLabels: { alertname: 'DlqDepthHigh', cluster: 'prod' },
      commonAnnotations: { runbookUrl: 'https://rb' },
      externalURL: 'https://ops.example.com/eventscope/',
    });
    expect(body.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['firing', '0001-01-01T00:00:00Z'],
      ['firing', '0001-01-01T00:00:00Z'],
      ['resolved', '2026-11-25T11:00:00.000Z'],
    ]);
    expect(body.alerts[0]?.generatorURL).toBe(
      'https://ops.example.com/eventscope/dlqs/prod/orders-1.DLQ',
    );
  });

  it('truncates huge groups and says how many were left out', () => {
    const many = Array.from({ length: maxAlertsPerMessage + 7 }, (_, i) => alert(i));
    const body = alertmanagerPayload(ctx({ firing: many }));
    expect(body.alerts).toHaveLength(maxAlertsPerMessage);
    expect(body.truncatedAlerts).toBe(7);
  });

  it('is resolved when nothing fires', () => {
    const body = alertmanagerPayload(
      ctx({ firing: [], resolved: [alert(1, { status: 'resolved' })] }),
    );
    expect(body.status).toBe('resolved');
  });
});

describe('Slack payload', () => {
  it('escapes mrkdwn control characters and links each alert', () => {
    const body = slackPayload(
      ctx({ firing: [alert(1, { annotations: { summary: 'a <b> & c' } })] }),
    );
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('a &lt;b&gt; &amp; c');
    expect(text).toContain('<https://ops.example.com/eventscope/dlqs/prod/orders-1.DLQ|');
    expect(body.text).toContain('[FIRING:1] DlqDepthHigh cluster=prod');
  });

  it('stays within Slack block limits for big groups', () => {
    const many = Array.from({ length: 80 }, (_, i) => alert(i));
    const body = slackPayload(ctx({ firing: many }));
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(body.blocks.at(-1))).toContain('and 70 more');
  });
});

describe('PagerDuty payload', () => {
  it('triggers with the worst severity and a stable dedup_key; resolves with the same key', () => {
    const trigger = pagerDutyPayload(
      ctx({ firing: [alert(1), alert(2, { severity: 'critical' })] }),
    );
    expect(trigger).toMatchObject({
      routing_key: 'rk',
      event_action: 'trigger',
      dedup_key: dedupKeyOf('n1', ctx().groupKey),
      payload: { severity: 'critical', source: 'prod', class: 'DlqDepthHigh' },
    });
    const resolve = pagerDutyPayload(
      ctx({ firing: [], resolved: [alert(1, { status: 'resolved' })] }),
    );
    expect(resolve).toEqual({
      routing_key: 'rk',
      event_action: 'resolve',
      dedup_key: trigger.dedup_key,
      client: 'Eventscope',
      client_url: 'https://ops.example.com/eventscope/alerts',
    });
    expect(dedupKeyOf('n1', 'a')).not.toBe(dedupKeyOf('n2', 'a'));
  });

  it('keeps summary within the 1024 characters PagerDuty accepts', () => {
    const long = Array.from({ length: 100 }, (_, i) => alert(i));
    const body = JSON.parse(renderBody('pagerduty', ctx({ firing: long }))) as {
      payload: { summary: string };
      links: unknown[];
    };
    expect(body.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(body.links.length).toBeLessThanOrEqual(5);
  });
});
