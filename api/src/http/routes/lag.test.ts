import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GroupHistorySchema,
  GroupLagSchema,
  GroupPageSchema,
  TopicSummarySchema,
} from '@eventscope/shared';
import { startTestApp, type TestApp } from '../../testing/app';
import { makeGroup, makeSnapshot } from '../../testing/snapshots';

let app: TestApp;
const get = async (path: string, token = app.tokens.viewer) =>
  fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  app = await startTestApp();
  const recorder = app.deps.recorder;
  const now = Date.now();
  const at = (secondsAgo: number) =>
    new Date(Math.floor((now - secondsAgo * 1000) / 5000) * 5000).toISOString();
  await recorder.record(
    makeSnapshot(at(20), [
      makeGroup('payments', 500, 80, 'WARN'),
      makeGroup('idle', null, null, 'EMPTY'),
    ]),
  );
  await recorder.record(
    makeSnapshot(at(10), [
      makeGroup('payments', 600, 90, 'STALL'),
      makeGroup('idle', null, null, 'EMPTY'),
    ]),
  );
});
afterAll(() => app.close());

describe('lag endpoints', () => {
  it('lists groups worst first and shows one with its partitions', async () => {
    const page = GroupPageSchema.parse(await (await get('/api/consumer-groups')).json());
    expect(page.items.map((g) => [g.group, g.status, g.lagMessages])).toEqual([
      ['payments', 'STALL', 600],
      ['idle', 'EMPTY', null],
    ]);
    const detail = GroupLagSchema.parse(
      await (await get('/api/consumer-groups/c1/payments')).json(),
    );
    expect(detail.partitions[0]).toMatchObject({ committedOffset: '400', lagMessages: 600 });
    expect((await get('/api/consumer-groups/c1/nope')).status).toBe(404);
  });

  it('answers history with gaps as null over the last 15 minutes', async () => {
    const from = new Date(Date.now() - 15 * 60_000).toISOString();
    const history = GroupHistorySchema.parse(
      await (await get(`/api/consumer-groups/c1/payments/history?from=${from}`)).json(),
    );
    expect(history).toMatchObject({ source: 'raw', step: 5 });
    expect(history.points.filter((p) => p.lagMessages !== null).map((p) => p.lagMessages)).toEqual([
      500, 600,
    ]);
    expect(history.points.some((p) => p.lagMessages === null)).toBe(true);
    expect((await get('/api/consumer-groups/c1/payments/history?from=yesterday')).status).toBe(400);
  });

  it('lists topics with sizes and linked DLQs, and DLQs with depth', async () => {
    const topics = TopicSummarySchema.array().parse(await (await get('/api/topics')).json());
    expect(topics.find((t) => t.topic === 'orders')).toMatchObject({
      dlqs: ['orders.DLQ'],
      size: { p95: 250 },
    });
    const dlqs: unknown = await (await get('/api/dlqs')).json();
    expect(dlqs).toEqual([
      expect.objectContaining({ topic: 'orders.DLQ', depth: 3, sourceTopics: ['orders'] }),
    ]);
  });

  it('exposes Prometheus metrics to viewers, leaving unknown lag out instead of exporting 0', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const text = await (await get('/metrics')).text();
    expect(text).toContain(
      'eventscope_consumer_lag_messages{cluster="c1",group="payments",topic="orders",partition="0"} 600',
    );
    expect(text).toContain(
      'eventscope_consumer_group_status{cluster="c1",group="idle",status="EMPTY"} 1',
    );
    expect(text).toContain('eventscope_dlq_depth{cluster="c1",topic="orders.DLQ"} 3');
    expect(text).not.toMatch(/eventscope_consumer_lag_\w+\{[^}]*group="idle"/);
  });
});
