/**
 * DLQ replay through the api on the real broker and a real store (issue #7 "Must show"):
 * replay all exactly once with the depth users see dropping to 0, filter and dry run, cancel,
 * the error answers, binary payloads, browsing with masking, audit and spans.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createSampler, silentLogger, type Sampler } from '@eventscope/collectors';
import { headerText, produceAll, readCommitted } from '@eventscope/collectors/testing';
import {
  ApiErrorSchema,
  DlqMessagePageSchema,
  ReplayDryRunSchema,
  ReplaySchema,
  type DlqStats,
  type Replay,
} from '@eventscope/shared';
import { createTestKafka } from '@eventscope/tools/kafka';
import { createMasker } from '../domain/masking';
import { startTestApp, type TestApp } from '../testing/app';
import { storedSpans } from '../testing/spans';
import {
  apiClient,
  clusterFor,
  deadLetters,
  POISON,
  shopTopics,
  type Api,
  type Shop,
} from './int-fixtures';

const brokers = inject('kafkaBrokers');
const kafka = createTestKafka(brokers);
const cluster = clusterFor(brokers);
const eventually = { timeout: 45_000, interval: 200 };

let app: TestApp;
let api: Api;
let sampler: Sampler;

beforeAll(async () => {
  app = await startTestApp({}, undefined, {
    replays: {
      clusters: [cluster],
      maxRate: 1_000_000,
      masker: createMasker({
        replacement: '***',
        rules: [{ kind: 'jsonPath', path: '$.card' }],
      }),
    },
  });
  api = apiClient(app.url, app.tokens.operator);
  // The DLQ depth users see: a sampler on this cluster feeding the api's snapshots.
  sampler = createSampler(cluster, {
    intervalMs: 1000,
    logger: silentLogger,
    onSnapshot: (s) => app.deps.recorder.record(s),
    handledCount: (topic, log) => app.deps.replays.handledCount(cluster.id, topic, log),
    firstUnhandled: (topic, partition, start) =>
      app.deps.replays.firstUnhandled(cluster.id, topic, partition, start),
  });
});
afterAll(async () => {
  await sampler.stop();
  await app.close();
});

async function dlqStats(topic: string): Promise<DlqStats | undefined> {
  await sampler.sampleOnce();
  const { body } = await api.get<DlqStats[]>(`/dlqs?cluster=${cluster.id}`);
  return body.find((d) => d.topic === topic);
}

async function depth(topic: string): Promise<number | null> {
  return (await dlqStats(topic))?.depth ?? null;
}

async function finished(id: string): Promise<Replay> {
  let replay: Replay | undefined;
  await vi.waitFor(async () => {
    const { body } = await api.get(`/replays/${id}`);
    replay = ReplaySchema.parse(body);
    expect(['completed', 'cancelled', 'failed']).toContain(replay.status);
  }, eventually);
  if (!replay) throw new Error('unreachable');
  return replay;
}

async function shop(count: number, extra?: Parameters<typeof deadLetters>[2]): Promise<Shop> {
  const s = await shopTopics(kafka, cluster);
  await produceAll(kafka, s.dlq, deadLetters(s, count, extra));
  return s;
}

const replaysPath = (s: Shop) => `/dlqs/${cluster.id}/${s.dlq}/replays`;
const readTargets = async (s: Shop) => [
  ...(await readCommitted(kafka, s.orders)),
  ...(await readCommitted(kafka, s.payments)),
];

describe('DLQ replay through the api', () => {
  it('replays 10,000 dead letters (Spring and Connect) exactly once; depth drops to 0; audited; spans written', async () => {
    const s = await shop(10_000);
    expect(await depth(s.dlq)).toBe(10_000);

    const started = await api.post<{ id: string }>(replaysPath(s), { selection: { all: true } });
    expect(started.status).toBe(202);
    const replay = await finished(started.body.id);
    expect(replay).toMatchObject({
      status: 'completed',
      selected: 10_000,
      replayed: 10_000,
      skipped: 0,
      counts: { [s.orders]: 2000, [s.payments]: 8000 },
      createdBy: 'token:operator',
    });

    const out = await readTargets(s);
    expect(out).toHaveLength(10_000);
    expect(new Set(out.map((m) => headerText(m, 'x-eventscope-replayed-from'))).size).toBe(10_000);
    for (const m of out) {
      const i = Number(m.key?.toString().slice(4));
      expect(m.value?.toString()).toBe(JSON.stringify({ i, card: `4111-${i}` }));
      expect(headerText(m, 'x-correlation-id')).toBe(`corr-${i}`);
      expect(headerText(m, 'x-eventscope-replay-id')).toBe(replay.id);
      expect(headerText(m, 'x-eventscope-replay-count')).toBe('1');
      expect(headerText(m, 'x-eventscope-replayed-from')).toMatch(
        new RegExp(`^${s.dlq}/\\d/\\d+$`),
      );
      expect(
        headerText(m, i % 2 === 0 ? 'kafka_dlt-original-topic' : '__connect.errors.topic'),
      ).toBe(i % 5 === 0 ? s.orders : s.payments);
    }

    await vi.waitFor(async () => expect(await depth(s.dlq)).toBe(0), eventually);

    // The end and its audit entry commit together: seen completed means audited.
    const audit = await api.get<{
      entries: Array<{ action: string; outcome: string; details: unknown }>;
    }>(`/audit?limit=50`, app.tokens.admin);
    const mine = audit.body.entries.filter((e) => JSON.stringify(e.details).includes(replay.id));
    expect(mine.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual([
      'replay.create:success',
      'replay.finish:success',
    ]);

    const replaySpans = await storedSpans(
      app.store.db,
      (span) => span.source === 'broker' && span.attributes['eventscope.replay.id'] === replay.id,
    );
    expect(replaySpans).toHaveLength(10_000);
  });

  it('a filter by error class replays only those; a dry run changes nothing', async () => {
    const s = await shop(400);
    const selection = { filter: { errorClass: POISON } };
    const dry = await api.post(replaysPath(s), { selection, dryRun: true });
    expect(dry.status).toBe(200);
    const plan = ReplayDryRunSchema.parse(dry.body);
    expect(plan).toMatchObject({
      selected: 200,
      counts: { [s.orders]: 40, [s.payments]: 160 },
      skipped: { loopGuard: 0, handled: 0, noTarget: 0 },
    });
    expect(plan.samples).toHaveLength(5);
    for (const sample of plan.samples) {
      expect(sample.error?.class).toBe(POISON);
      expect(sample.value).toContain('"card": "***"');
    }
    expect(await readTargets(s)).toHaveLength(0);
    expect(await depth(s.dlq)).toBe(400);
    const { body: list } = await api.get<Replay[]>(`/replays?dlq=${s.dlq}`);
    expect(list).toEqual([]);

    const run = await api.post<{ id: string }>(replaysPath(s), { selection });
    expect(run.status).toBe(202);
    const replay = await finished(run.body.id);
    expect(replay).toMatchObject({ status: 'completed', selected: 200, replayed: 200 });
    const out = await readTargets(s);
    expect(out).toHaveLength(200);
    for (const m of out)
      expect(
        headerText(m, 'kafka_dlt-exception-fqcn') ??
          headerText(m, '__connect.errors.exception.class.name'),
      ).toBe(POISON);
    await vi.waitFor(async () => expect(await depth(s.dlq)).toBe(200), eventually);

    // Replaying the same selection again skips what was handled.
    const again = ReplayDryRunSchema.parse(
      (await api.post(replaysPath(s), { selection, dryRun: true })).body,
    );
    expect(again).toMatchObject({ selected: 200, counts: {}, skipped: { handled: 200 } });
  });

  it('cancel stops within one batch; what was replayed stays, the rest stays in the DLQ depth', async () => {
    const s = await shop(3000);
    const run = await api.post<{ id: string }>(replaysPath(s), {
      selection: { all: true },
      ratePerSecond: 400,
    });
    expect(run.status).toBe(202);
    await vi.waitFor(async () => {
      const { body } = await api.get<Replay>(`/replays/${run.body.id}`);
      expect(body.replayed).toBeGreaterThan(0);
    }, eventually);
    const cancelled = await api.post<Replay>(`/replays/${run.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const replayed = cancelled.body.replayed;
    expect(replayed).toBeLessThan(3000);

    const out = await readTargets(s);
    expect(out).toHaveLength(replayed);
    await vi.waitFor(async () => expect(await depth(s.dlq)).toBe(3000 - replayed), eventually);
    // Cancelling again is a conflict, not a crash.
    expect((await api.post(`/replays/${run.body.id}/cancel`, {})).status).toBe(409);
  });

  it('unknown DLQ → 404; nothing selected → zero counts; missing target → 409 with the reason', async () => {
    const s = await shop(20);
    const notFound = await api.post(`/dlqs/${cluster.id}/${s.dlq}-nope/replays`, {
      selection: { all: true },
    });
    expect(notFound.status).toBe(404);
    expect(ApiErrorSchema.parse(notFound.body).error.message).toContain('not found');
    expect(
      (await api.post(`/dlqs/no-such-cluster/${s.dlq}/replays`, { selection: { all: true } }))
        .status,
    ).toBe(404);
    // An existing topic that is not a DLQ.
    expect(
      (await api.post(`/dlqs/${cluster.id}/${s.orders}/replays`, { selection: { all: true } }))
        .status,
    ).toBe(404);
    expect((await api.get(`/dlqs/${cluster.id}/${s.dlq}-nope/messages`)).status).toBe(404);

    const none = { filter: { errorClass: 'com.nobody.NeverThrown' } };
    const dry = await api.post(replaysPath(s), { selection: none, dryRun: true });
    expect(dry.status).toBe(200);
    expect(ReplayDryRunSchema.parse(dry.body)).toMatchObject({ selected: 0, counts: {} });
    const run = await api.post<{ id: string }>(replaysPath(s), { selection: none });
    expect(run.status).toBe(202);
    expect(await finished(run.body.id)).toMatchObject({
      status: 'completed',
      selected: 0,
      replayed: 0,
    });

    const missing = await api.post(replaysPath(s), {
      selection: { all: true },
      target: `${s.payments}-missing`,
    });
    expect(missing.status).toBe(409);
    expect(ApiErrorSchema.parse(missing.body).error.message).toBe(
      `target topic "${s.payments}-missing" does not exist`,
    );
    expect(await readTargets(s)).toHaveLength(0);
    expect(await depth(s.dlq)).toBe(20);

    const viewer = await api.post(replaysPath(s), { selection: { all: true } }, app.tokens.viewer);
    expect(viewer.status).toBe(403);
    const badCursor = await api.get(`/dlqs/${cluster.id}/${s.dlq}/messages?cursor=bm9wZQ`);
    expect(badCursor.status).toBe(400);
  });

  it('a binary, non-UTF-8 payload is shown as hex and replayed byte-exact', async () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x01]);
    const s = await shop(3, (i) => (i === 1 ? { value: binary } : {}));
    const { body } = await api.get(
      `/dlqs/${cluster.id}/${s.dlq}/messages?partition=1`,
      app.tokens.viewer,
    );
    const page = DlqMessagePageSchema.parse(body);
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]).toMatchObject({
      partition: 1,
      offset: '0',
      value: binary.toString('hex'),
      valueEncoding: 'hex',
      origin: { topic: s.payments, partition: 1, offset: '1' },
      error: { class: POISON },
      correlationId: 'corr-1',
      handled: null,
    });

    const run = await api.post<{ id: string }>(replaysPath(s), {
      selection: { offsets: [{ partition: 1, offset: '0' }] },
    });
    expect(await finished(run.body.id)).toMatchObject({ replayed: 1 });
    const out = await readCommitted(kafka, s.payments);
    expect(out).toHaveLength(1);
    expect(out[0]?.value?.equals(binary)).toBe(true);

    const after = DlqMessagePageSchema.parse(
      (await api.get(`/dlqs/${cluster.id}/${s.dlq}/messages?partition=1`)).body,
    );
    expect(after.messages[0]?.handled).toMatchObject({ kind: 'replayed', replayId: run.body.id });
  });

  it('browses newest or oldest first with a cursor, masked, filtered; discard lowers the depth', async () => {
    const s = await shop(90);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const { status, body } = await api.get(`/dlqs/${cluster.id}/${s.dlq}/messages?limit=25${q}`);
      expect(status).toBe(200);
      const page = DlqMessagePageSchema.parse(body);
      for (const m of page.messages) {
        seen.push(`${m.partition}/${m.offset}`);
        expect(m.value).toMatch(/"card": "\*\*\*"/);
        expect(m.valueEncoding).toBe('json');
      }
      const times = page.messages.map((m) => Date.parse(m.timestamp));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(90);
    expect(new Set(seen).size).toBe(90);
    expect(pages).toBe(4);

    const oldest = DlqMessagePageSchema.parse(
      (
        await api.get(
          `/dlqs/${cluster.id}/${s.dlq}/messages?order=oldest&limit=5&partition=2&offset=3`,
        )
      ).body,
    );
    expect(oldest.messages.map((m) => m.offset)).toEqual(['3', '4', '5', '6', '7']);
    const poison = DlqMessagePageSchema.parse(
      (await api.get(`/dlqs/${cluster.id}/${s.dlq}/messages?limit=500&errorClass=${POISON}`)).body,
    );
    expect(poison.messages).toHaveLength(46);

    const discard = await api.post(`/dlqs/${cluster.id}/${s.dlq}/discards`, {
      selection: { filter: { partition: 0 } },
      comment: 'known bad batch',
    });
    expect(discard.status).toBe(200);
    expect(discard.body).toEqual({ dryRun: false, discarded: 30, alreadyHandled: 0 });
    await vi.waitFor(async () => expect(await depth(s.dlq)).toBe(60), eventually);
    const unhandled = DlqMessagePageSchema.parse(
      (await api.get(`/dlqs/${cluster.id}/${s.dlq}/messages?limit=500&includeHandled=false`)).body,
    );
    expect(unhandled.messages).toHaveLength(60);
    expect(unhandled.messages.every((m) => m.partition !== 0)).toBe(true);
  });

  it('depth and oldest age count only dead letters not yet handled', async () => {
    const hourAgo = String(Date.now() - 3_600_000);
    // Offset 0 of each partition an hour old, offset 1 recent.
    const s = await shop(6, (i) => (i < 3 ? { timestamp: hourAgo } : {}));
    await vi.waitFor(async () => {
      const stats = await dlqStats(s.dlq);
      expect(stats?.depth).toBe(6);
      expect(stats?.oldestAgeSeconds).toBeGreaterThanOrEqual(3590);
    }, eventually);
    const discard = await api.post(`/dlqs/${cluster.id}/${s.dlq}/discards`, {
      selection: { offsets: [0, 1, 2].map((partition) => ({ partition, offset: '0' })) },
    });
    expect(discard.body).toEqual({ dryRun: false, discarded: 3, alreadyHandled: 0 });
    await vi.waitFor(async () => {
      const stats = await dlqStats(s.dlq);
      expect(stats?.depth).toBe(3);
      expect(stats?.oldestAgeSeconds).toBeLessThan(600);
    }, eventually);
  });

  it('pause and resume keep exactly once; a paused or finished replay refuses what does not apply', async () => {
    const s = await shop(1500);
    const run = await api.post<{ id: string }>(replaysPath(s), {
      selection: { all: true },
      ratePerSecond: 600,
    });
    expect(run.status).toBe(202);
    const id = run.body.id;
    await vi.waitFor(async () => {
      expect((await api.get<Replay>(`/replays/${id}`)).body.replayed).toBeGreaterThan(0);
    }, eventually);
    const paused = await api.post<Replay>(`/replays/${id}/pause`, {});
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect((await api.post(`/replays/${id}/pause`, {})).status).toBe(409);
    // Another replay of the same DLQ would replay the same records: refused while one is active.
    const second = await api.post(replaysPath(s), { selection: { all: true } });
    expect(second.status).toBe(409);
    expect(ApiErrorSchema.parse(second.body).error.message).toContain(id);

    const resumed = await api.post<Replay>(`/replays/${id}/resume`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('running');
    expect(await finished(id)).toMatchObject({ status: 'completed', replayed: 1500 });
    const out = await readTargets(s);
    expect(out).toHaveLength(1500);
    expect(new Set(out.map((m) => headerText(m, 'x-eventscope-replayed-from'))).size).toBe(1500);
    expect((await api.post(`/replays/${id}/resume`, {})).status).toBe(409);
    expect((await api.post(`/replays/${id}/cancel`, {})).status).toBe(409);
    expect((await api.get('/replays/no-such-replay')).status).toBe(404);
  });

  it('a target that refuses the records fails the replay with the reason; nothing is visible', async () => {
    const s = await shop(50);
    const small = `${s.payments}-small`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [
          {
            topic: small,
            numPartitions: 1,
            configEntries: [{ name: 'max.message.bytes', value: '200' }],
          },
        ],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
    const run = await api.post<{ id: string }>(replaysPath(s), {
      selection: { all: true },
      target: small,
    });
    expect(run.status).toBe(202);
    const replay = await finished(run.body.id);
    expect(replay.status).toBe('failed');
    expect(replay.error).toContain(`could not produce to ${small}`);
    expect(replay.replayed).toBe(0);
    expect(await readCommitted(kafka, small)).toHaveLength(0);
    expect(await depth(s.dlq)).toBe(50);
    // Seen failed means audited: the end and its audit entry commit together.
    const audit = await api.get<{
      entries: Array<{ action: string; outcome: string; details: unknown }>;
    }>('/audit?action=replay.finish&limit=50', app.tokens.admin);
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    const mine = audit.body.entries.find((e) => JSON.stringify(e.details).includes(run.body.id));
    expect(mine?.outcome).toBe('failure');
  });
});
