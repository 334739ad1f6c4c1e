import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Queryable, Row } from '../store';
import type { Span } from '@eventscope/shared';
import { spansJsonOf } from '../traces/chunks';
import { createSpanIngest } from '../traces/ingest';
import { encodeJson, encodeProtobuf, exportBatch, hexId, readableSpan } from './fixtures';
import { RpcStatus } from './proto';
import { createPreparePool } from './prepare-pool';
import { otlpRouter } from './router';

/** Spans the ingest wrote, read back from the chunks in the JSON parameter of its statement. */
let written: Span[] = [];
const recordingDb: Queryable = {
  query: <T extends Row>(_sql: string, params: readonly unknown[] = []) => {
    const chunks = JSON.parse(String(params[0])) as { spansPacked: string }[];
    for (const chunk of chunks)
      written.push(
        ...(JSON.parse(spansJsonOf(Buffer.from(chunk.spansPacked, 'base64'))) as Span[]),
      );
    return Promise.resolve({ rows: [] as T[] });
  },
  exec: () => Promise.resolve(),
};

const preparer = createPreparePool(1);
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(
    '/v1',
    otlpRouter({
      ingest: createSpanIngest(recordingDb),
      // The production path: bodies decoded and validated on a thread.
      preparer,
      logger: pino({ level: 'silent' }),
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await preparer.close();
});
beforeEach(() => {
  written = [];
});

interface Reply {
  status: number;
  type: string;
  body: Buffer;
}

async function post(
  body: Buffer | string | ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const PB_HEADERS = { 'content-type': 'application/x-protobuf' };
const json = (reply: Reply): unknown => JSON.parse(reply.body.toString('utf8'));

/** After every bad request the server must still take a good one. */
async function stillServes(): Promise<void> {
  written = [];
  const reply = await post(encodeJson([readableSpan()]), JSON_HEADERS);
  expect(reply.status).toBe(200);
  expect(written).toHaveLength(1);
}

describe('POST /v1/traces, JSON', () => {
  it('accepts what the OTel JSON serializer sends, normalized', async () => {
    const traceId = hexId(16);
    const producer = hexId(8);
    const spans = [
      readableSpan({
        traceId,
        spanId: producer,
        kind: SpanKind.PRODUCER,
        service: 'orders',
        name: 'orders send',
        startMs: Date.parse('2026-11-25T10:00:00.000Z'),
        durationMs: 2.5,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': 'orders',
          'messaging.kafka.message.key': 'o-1',
          'messaging.operation.type': 'send',
          'messaging.header.correlation-id': 'corr-1',
        },
      }),
      readableSpan({
        traceId,
        parentSpanId: producer,
        kind: SpanKind.CONSUMER,
        service: 'payments',
        error: 'card declined',
        attributes: {
          'messaging.kafka.destination.partition': 2,
          'messaging.kafka.message.offset': 41,
          'messaging.kafka.consumer.group': 'payments',
          'messaging.operation': 'process',
          'messaging.destination': 'orders',
        },
      }),
    ];
    const reply = await post(encodeJson(spans), JSON_HEADERS);
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^application\/json/);
    expect(json(reply)).toEqual({});
    expect(written).toHaveLength(2);
    const send = written.find((span) => span.spanId === producer);
    const consume = written.find((span) => span.parentSpanId === producer);
    expect(send).toMatchObject({
      traceId,
      spanId: producer,
      parentSpanId: null,
      service: 'orders',
      kind: 'producer',
      startedAt: '2026-11-25T10:00:00.000Z',
      durationMs: 2.5,
      status: { code: 'unset' },
      messaging: { system: 'kafka', destination: 'orders', key: 'o-1', operation: 'send' },
      correlationIds: ['corr-1'],
      source: 'otlp',
    });
    expect(consume).toMatchObject({
      parentSpanId: producer,
      service: 'payments',
      kind: 'consumer',
      status: { code: 'error', message: 'card declined' },
      messaging: { partition: 2, offset: '41', consumerGroup: 'payments', operation: 'process' },
    });
  });

  it('accepts enum names, int64 as numbers and snake_case field names', async () => {
    const body = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'AB'.repeat(16),
                  span_id: '01'.repeat(8),
                  name: 'x',
                  kind: 'SPAN_KIND_SERVER',
                  startTimeUnixNano: 1_700_000_000_000_000_000,
                  endTimeUnixNano: '1700000000001000000',
                  status: { code: 'STATUS_CODE_OK' },
                  attributes: [
                    { key: 'n', value: { intValue: '9007199254740993' } },
                    { key: 'list', value: { arrayValue: { values: [{ intValue: 1 }, {}] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const reply = await post(JSON.stringify(body), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(reply.status).toBe(200);
    expect(written[0]).toMatchObject({
      traceId: 'ab'.repeat(16),
      service: 'shop',
      kind: 'server',
      status: { code: 'ok' },
      durationMs: 1,
      attributes: { n: '9007199254740993', list: [1, ''] },
    });
  });

  it('reports partial success when some spans are invalid', async () => {
    const good = JSON.parse(encodeJson([readableSpan(), readableSpan()]).toString()) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const spans = good.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    spans.push({ ...spans[0], traceId: 'abc' }, { ...spans[0], name: 42 });
    const reply = await post(JSON.stringify(good), JSON_HEADERS);
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({
      partialSuccess: {
        rejectedSpans: 2,
        errorMessage: expect.stringMatching(
          /span 2: traceId: trace id must be 32 hex digits.*span 3: name must be a string/,
        ),
      },
    });
    expect(written).toHaveLength(2);
  });

  it.each([
    ['malformed JSON', '{"resourceSpans": [', /not valid JSON/],
    ['a non-object body', '[1,2]', /must be an object/],
    ['resourceSpans of the wrong type', '{"resourceSpans": 5}', /resourceSpans must be an array/],
    [
      'a span field of the wrong type',
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), kind: {} }] }] }],
      }),
      /span 0: .*(kind|startTimeUnixNano)/,
    ],
    [
      'a trace id of the wrong length',
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: 'a'.repeat(30),
                    spanId: 'b'.repeat(16),
                    startTimeUnixNano: '1',
                    endTimeUnixNano: '2',
                  },
                ],
              },
            ],
          },
        ],
      }),
      /traceId: trace id must be 32 hex digits/,
    ],
  ])('answers %s with 400 and a clear message', async (_what, body, message) => {
    const reply = await post(body, JSON_HEADERS);
    expect(reply.status).toBe(400);
    const error = json(reply) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('bad_request');
    expect(error.error.message).toMatch(message);
    await stillServes();
  });
});

describe('POST /v1/traces, protobuf', () => {
  it('accepts what the OTel protobuf serializer sends and answers in protobuf', async () => {
    const batch = exportBatch(64);
    const reply = await post(encodeProtobuf(batch), PB_HEADERS);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('application/x-protobuf');
    expect(ProtobufTraceSerializer.deserializeResponse(reply.body)).toEqual({});
    expect(written).toHaveLength(64);
    const first = batch[0];
    expect(written.find((span) => span.spanId === first?.spanContext().spanId)).toMatchObject({
      traceId: first?.spanContext().traceId,
      kind: 'server',
      messaging: expect.objectContaining({ destination: 'orders' }),
      correlationIds: [expect.stringMatching(/^order-/)],
    });
  });

  it('matches the JSON decoding of the same spans', async () => {
    const batch = exportBatch(20);
    await post(encodeProtobuf(batch), PB_HEADERS);
    const fromProtobuf = written;
    written = [];
    await post(encodeJson(batch), JSON_HEADERS);
    expect(fromProtobuf).toEqual(written);
  });

  it('answers a truncated message with 400 as a google.rpc.Status', async () => {
    const body = encodeProtobuf(exportBatch(8));
    const reply = await post(body.subarray(0, body.length - 7), PB_HEADERS);
    expect(reply.status).toBe(400);
    expect(reply.type).toBe('application/x-protobuf');
    const status = RpcStatus.toObject(RpcStatus.decode(reply.body));
    expect(status).toMatchObject({ code: 3, message: expect.stringMatching(/truncated/) });
    await stillServes();
  });

  it('reports partial success in the protobuf response', async () => {
    const bad = readableSpan({ traceId: '0'.repeat(32) });
    const reply = await post(encodeProtobuf([readableSpan(), bad]), PB_HEADERS);
    expect(reply.status).toBe(200);
    expect(ProtobufTraceSerializer.deserializeResponse(reply.body)).toMatchObject({
      partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/all zeros/) },
    });
  });
});

describe('POST /v1/traces, encodings and limits', () => {
  it('inflates gzip and deflate bodies', async () => {
    const body = encodeJson(exportBatch(10));
    expect(
      (await post(gzipSync(body), { ...JSON_HEADERS, 'content-encoding': 'gzip' })).status,
    ).toBe(200);
    expect(
      (await post(deflateSync(body), { ...JSON_HEADERS, 'content-encoding': 'deflate' })).status,
    ).toBe(200);
    expect(written).toHaveLength(20);
  });

  it('answers a corrupt gzip body with 400', async () => {
    const reply = await post(Buffer.from('not gzip at all'), {
      ...JSON_HEADERS,
      'content-encoding': 'gzip',
    });
    expect(reply.status).toBe(400);
    await stillServes();
  });

  it('answers a 25 MiB body with 413', async () => {
    const reply = await post(Buffer.alloc(25 * 1024 * 1024, 32), JSON_HEADERS);
    expect(reply.status).toBe(413);
    expect(json(reply)).toMatchObject({ error: { code: 'payload_too_large' } });
    await stillServes();
  });

  it('answers a 25 MiB body sent without Content-Length (chunked) with 413', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 32);
    const stream = Readable.toWeb(
      Readable.from(
        (function* () {
          for (let i = 0; i < 25; i++) yield chunk;
        })(),
      ),
    ) as ReadableStream<Uint8Array>;
    const reply = await post(stream, JSON_HEADERS);
    expect(reply.status).toBe(413);
    await stillServes();
  });

  it('stops a gzip bomb (1 GiB of zeros) while inflating: 413, quickly', async () => {
    // 1024 gzip members of 1 MiB of zeros (~1 KiB each, one buffer reused): 1 GiB is never in memory.
    const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    const compressed = Array.from({ length: 1024 }, () => member);
    const bomb = Buffer.concat(compressed);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const reply = await post(bomb, { ...PB_HEADERS, 'content-encoding': 'gzip' });
    const ms = performance.now() - started;
    const rssGrowthMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    console.log(
      `gzip bomb: ${(bomb.length / 2 ** 20).toFixed(2)} MiB → 1 GiB; answered in ${ms.toFixed(0)} ms, rss +${rssGrowthMiB.toFixed(0)} MiB`,
    );
    expect(reply.status).toBe(413);
    expect(RpcStatus.toObject(RpcStatus.decode(reply.body))).toMatchObject({ code: 8 });
    await stillServes();
  });

  it('answers an unsupported content type or encoding with 415', async () => {
    const body = encodeJson([readableSpan()]);
    const plain = await post(body, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(json(plain)).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const brotli = await post(body, { ...JSON_HEADERS, 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
    await stillServes();
  });
});
