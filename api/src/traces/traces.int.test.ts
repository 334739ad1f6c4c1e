import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanSchema, type Span } from '@eventscope/shared';
import { BadRequestError, NotFoundError } from '../domain/errors';
import { engines, prepareTemplates, removeTemplates, storePerTest } from '../testing/engines';
import { storedSpans } from '../testing/spans';
import { spanSeries } from '../alerts/span-series';
import { loadMigrations, migrate, type Db } from '../store';
import { openPglite } from '../store/pglite';
import { openPostgres } from '../store/postgres';
import { createSpanIngest, getTimeline, pruneSpans, searchTraces } from './index';

beforeAll(prepareTemplates);
afterAll(removeTemplates);

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
let counter = 0;
const id = (digits: number) => (++counter).toString(16).padStart(digits, '0');

function span(fields: Partial<Span> & { at: number; ms: number }): Span {
  const { at, ms, ...rest } = fields;
  return SpanSchema.parse({
    traceId: id(32),
    spanId: id(16),
    parentSpanId: null,
    links: [],
    service: 'orders',
    name: 'work',
    kind: 'internal',
    startedAt: new Date(T0 + at).toISOString(),
    startTimeUnixNano: (BigInt(T0 + at) * 1_000_000n).toString(),
    durationMs: ms,
    status: { code: 'unset' },
    attributes: {},
    source: 'otlp',
    correlationIds: [],
    messaging: {},
    ...rest,
  });
}

/** Two orders, each produce → consume in its own trace; one batch consumer links to both. */
function shop() {
  const order1 = id(32);
  const order2 = id(32);
  const batchTrace = id(32);
  const p1 = span({
    at: 0,
    ms: 2,
    traceId: order1,
    kind: 'producer',
    service: 'orders',
    correlationIds: ['order-1'],
    messaging: { destination: 'orders' },
  });
  const c1 = span({
    at: 5,
    ms: 40,
    traceId: order1,
    kind: 'consumer',
    service: 'payments',
    parentSpanId: p1.spanId,
    correlationIds: ['order-1'],
    status: { code: 'error', message: 'declined' },
    messaging: { destination: 'orders' },
  });
  const p2 = span({
    at: 1000,
    ms: 2,
    traceId: order2,
    kind: 'producer',
    service: 'orders',
    correlationIds: ['order-2'],
    messaging: { destination: 'orders' },
  });
  const batch = span({
    at: 1010,
    ms: 5,
    traceId: batchTrace,
    kind: 'consumer',
    service: 'shipping',
    links: [
      { traceId: order1, spanId: p1.spanId, attributes: {} },
      { traceId: order2, spanId: p2.spanId, attributes: {} },
    ],
    messaging: { destination: 'orders', consumerGroup: 'shipping' },
  });
  return { order1, order2, batchTrace, spans: [p1, c1, p2, batch], p1, c1, p2, batch };
}

/** How spans were written before migration 0008 (a row per span, trace_index, span_links). */
const ROWS_BEFORE_0008 = `
WITH d AS (
  SELECT * FROM json_to_recordset($1::json) AS r(
    t text, s text, p text, sv text, n text, k text, at timestamptz, ns bigint, d float8,
    sc text, sm text, a jsonb, src text, tp text, m jsonb, l jsonb, c text[])
), ins AS (
  INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, started_at,
    start_time_unix_nano, duration_ms, status_code, status_message, attributes, source, topic,
    messaging, links, correlation_ids)
  SELECT t, s, p, sv, n, k, at, ns, d, sc, sm, a, src, tp, m, l, c FROM d RETURNING 1
)
SELECT count(*)::int AS n FROM ins`;

const asRow = (x: Span) => ({
  t: x.traceId,
  s: x.spanId,
  p: x.parentSpanId,
  sv: x.service,
  n: x.name,
  k: x.kind,
  at: x.startedAt,
  ns: x.startTimeUnixNano,
  d: x.durationMs,
  sc: x.status.code,
  sm: x.status.message ?? null,
  a: x.attributes,
  src: x.source,
  tp: x.messaging.destination ?? null,
  m: x.messaging,
  l: x.links,
  c: x.correlationIds,
});

describe.each(engines)('traces on $engine', ({ engine, target }) => {
  const store = storePerTest(target);

  /** A database of its own, migrated up to (not including) `version`, for upgrade tests. */
  async function withSchemaBefore(version: number, fn: (db: Db) => Promise<void>) {
    const where = await target(true);
    const { databaseUrl, dataDir } = where.options;
    const db = databaseUrl
      ? await openPostgres(databaseUrl)
      : await openPglite(join(dataDir, 'pglite'));
    try {
      await migrate(
        db,
        (await loadMigrations()).filter((m) => m.version < version),
      );
      await fn(db);
    } finally {
      await db.close();
      await where.cleanup();
    }
  }

  it('keeps the spans stored as rows before the upgrade to chunks (migration 0008)', async () => {
    await withSchemaBefore(8, async (db) => {
      const s = shop();
      await db.query(ROWS_BEFORE_0008, [JSON.stringify(s.spans.map(asRow))]);
      await migrate(db);
      expect(await storedSpans(db)).toEqual(expect.arrayContaining(s.spans));
      expect(await storedSpans(db)).toHaveLength(s.spans.length);
      const timeline = await getTimeline(db, 'order-1');
      expect(new Set(timeline.traceIds)).toEqual(new Set([s.order1, s.batchTrace, s.order2]));
      expect((await searchTraces(db, { service: 'shipping' })).map((t) => t.traceId)).toEqual([
        s.batchTrace,
      ]);
      // New writes land next to the migrated chunks.
      await createSpanIngest(db).ingest([span({ at: 2000, ms: 1, traceId: s.order1 })]);
      expect(await storedSpans(db)).toHaveLength(s.spans.length + 1);
    });
  });

  it('keeps the span latency stored as arrays before migration 0009 for latency rules', async () => {
    await withSchemaBefore(9, async (db) => {
      const at = new Date(T0).toISOString();
      await db.query(
        `INSERT INTO span_chunks (trace_id, digest, first_started_at, last_started_at, start_ns,
           end_ns, span_count, error_count, services, topics, correlation_ids, linked_trace_ids,
           latency_services, latency_names, latency_ms, spans)
         VALUES ($1, 'a', $3, $3, 0, 0, 3, 0, '{}', '{}', '{}', '{}', $4, $5, $6, '\\x5b5d'),
           ($2, 'b', $3, $3, 0, 0, 1, 0, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '\\x5b5d')`,
        [
          id(32),
          id(32),
          at,
          ['checkout', 'checkout', 'stock'],
          ['pay', 'pay', 're\u001fserve'],
          [100, 300, 50.5],
        ],
      );
      await migrate(db);
      const series = await spanSeries(
        db,
        [{ windowSeconds: 60, perOperation: true }],
        new Date(T0 + 1000),
      );
      const values = (family: string) =>
        Object.fromEntries(
          (series.get(family) ?? []).map((x) => [x.key.replace('\u001f', '/'), x.values]),
        );
      expect(values('spanLatencyAvg@60')).toEqual({
        checkout: { spanLatencyAvg: 200, spanLatencyP95: 290 },
        stock: { spanLatencyAvg: 50.5, spanLatencyP95: 50.5 },
      });
      expect(Object.keys(values('spanLatencyAvg/operation@60')).sort()).toEqual([
        'checkout/pay',
        'stock/re serve',
      ]);
      // Chunks written after the upgrade count too.
      await createSpanIngest(db).ingest([
        span({ at: 0, ms: 20, service: 'stock', name: 're\u001eserve' }),
      ]);
      const after = await spanSeries(
        db,
        [{ windowSeconds: 60, perOperation: true }],
        new Date(T0 + 1000),
      );
      expect(
        after.get('spanLatencyAvg/operation@60')?.find((x) => x.labels.service === 'stock')?.labels,
      ).toEqual({ service: 'stock', operation: 're serve' });
      const stock = after.get('spanLatencyAvg@60')?.find((x) => x.key === 'stock')?.values;
      expect(stock?.spanLatencyAvg).toBe(35.25);
      expect(stock?.spanLatencyP95).toBeCloseTo(20 + 0.95 * 30.5, 9);
    });
  });

  it('ingests valid spans, rejects invalid ones and ignores duplicates', async () => {
    const ingest = createSpanIngest(store().db);
    const { spans } = shop();
    const result = await ingest.ingest([...spans, { ...spans[0], spanId: 'xyz' }]);
    expect(result).toEqual({
      accepted: 4,
      rejected: 1,
      errors: [{ index: 4, message: 'spanId: span id must be 16 hex digits' }],
    });
    expect(await ingest.ingest(spans)).toMatchObject({ accepted: 4, rejected: 0 });
    expect(await storedSpans(store().db)).toHaveLength(4);
    const traces = await searchTraces(store().db, {});
    expect(traces.reduce((n, t) => n + t.spanCount, 0)).toBe(4);
  });

  it('searches traces by correlation id, trace id, service, topic, time, errors and duration', async () => {
    const s = shop();
    await createSpanIngest(store().db).ingest(s.spans);
    const traceIds = async (query: Parameters<typeof searchTraces>[1]) =>
      (await searchTraces(store().db, query)).map((t) => t.traceId);

    expect(await searchTraces(store().db, { correlationId: 'order-1' })).toEqual([
      {
        traceId: s.order1,
        correlationIds: ['order-1'],
        services: ['orders', 'payments'],
        startedAt: '2026-11-25T10:00:00.000Z',
        durationMs: 45,
        spanCount: 2,
        hasError: true,
      },
    ]);
    expect(await traceIds({ traceId: s.order2 })).toEqual([s.order2]);
    expect(await traceIds({ service: 'shipping' })).toEqual([s.batchTrace]);
    expect(await traceIds({ topic: 'orders' })).toEqual([s.batchTrace, s.order2, s.order1]);
    expect(await traceIds({ from: '2026-11-25T10:00:00.500Z' })).toEqual([s.batchTrace, s.order2]);
    expect(await traceIds({ to: '2026-11-25T10:00:00.500Z' })).toEqual([s.order1]);
    expect(await traceIds({ hasError: true })).toEqual([s.order1]);
    expect(await traceIds({ hasError: 'false' })).toEqual([s.batchTrace, s.order2]);
    expect(await traceIds({ minDurationMs: 10 })).toEqual([s.order1]);
    expect(await traceIds({ limit: 1 })).toEqual([s.batchTrace]);
    await expect(searchTraces(store().db, { limit: 0 })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('builds one timeline across traces joined by correlation id and span links', async () => {
    const s = shop();
    await createSpanIngest(store().db).ingest(s.spans);
    // From a correlation id: order 1 → (link) the batch trace → (link) order 2.
    const byCorrelation = await getTimeline(store().db, 'order-1');
    expect(new Set(byCorrelation.traceIds)).toEqual(new Set([s.order1, s.batchTrace, s.order2]));
    expect(byCorrelation.spans.map((x) => x.spanId)).toEqual(
      [s.p1, s.c1, s.p2, s.batch].map((x) => x.spanId),
    );
    expect(byCorrelation.queueWaits).toContainEqual({
      from: s.p2.spanId,
      to: s.batch.spanId,
      waitMs: 8,
      topic: 'orders',
    });
    expect(byCorrelation.correlationIds.sort()).toEqual(['order-1', 'order-2']);
    // From the batch trace id the same set is reached by following links forward.
    const byTrace = await getTimeline(store().db, s.batchTrace.toUpperCase());
    expect(new Set(byTrace.traceIds)).toEqual(new Set(byCorrelation.traceIds));
    // Bounded: one trace only, and the timeline says it is partial.
    expect(await getTimeline(store().db, s.order2, { maxTraces: 1 })).toMatchObject({
      truncated: true,
      traceIds: [s.order2],
    });
    await expect(getTimeline(store().db, 'no-such-id')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('prunes spans older than the retention', async () => {
    const s = shop();
    await createSpanIngest(store().db).ingest(s.spans);
    expect(await pruneSpans(store().db, new Date(T0 + 500))).toBe(2);
    expect((await searchTraces(store().db, {})).map((t) => t.traceId).sort()).toEqual(
      [s.order2, s.batchTrace].sort(),
    );
    await expect(getTimeline(store().db, 'order-1')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a 10,000-span timeline (time printed, not asserted)', async () => {
    const traceId = id(32);
    const root = span({ at: 0, ms: 10_000, traceId, kind: 'server', correlationIds: ['big'] });
    const spans = [root];
    for (let i = 1; i < 10_000; i++)
      spans.push(
        span({
          at: i,
          ms: 5,
          traceId,
          parentSpanId: spans[Math.floor((i - 1) / 4)]?.spanId ?? root.spanId,
          kind: i % 3 === 0 ? 'producer' : i % 3 === 1 ? 'consumer' : 'internal',
          service: `svc-${i % 7}`,
          attributes: { 'messaging.destination.name': 'orders', i },
        }),
      );
    await createSpanIngest(store().db).ingest(spans);
    await getTimeline(store().db, 'big'); // warm-up
    const started = performance.now();
    const timeline = await getTimeline(store().db, 'big');
    const ms = performance.now() - started;
    console.log(`10,000-span timeline on ${engine}: ${ms.toFixed(0)} ms`);
    expect(timeline.spans).toHaveLength(10_000);
    expect(timeline.spans[0]?.spanId).toBe(root.spanId);
  });
});
