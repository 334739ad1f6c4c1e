/**
 * OTLP ingest benchmark: `node --import tsx api/src/otlp/bench.ts [--requests=N]
 * [--concurrency=C] [--threads=T] [--postgres]`. Serves the OTLP router (decode threads, group
 * commit) with a fresh store on 127.0.0.1:0, drives it from a load generator in a worker thread
 * (batches of 512 spans, JSON then protobuf; 8 connections by default, like the OTel
 * Collector's 10 exporter consumers), and reports spans/s, p99, the raw parse cost of the same
 * bodies and the time of a 10,000-span timeline query. Stops by itself.
 */
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import express from 'express';
import { pino } from 'pino';
import { SpanSchema, type Span } from '@eventscope/shared';
import { startPostgres, type PostgresServer } from '@eventscope/tools/postgres';
import { openStore, type Store } from '../store';
import { createSpanIngest, getTimeline } from '../traces';
import { decodeJson, decodeProtobuf } from './decode';
import { encodeJson, encodeProtobuf, exportBatch } from './fixtures';
import { ExportTraceServiceRequest } from './proto';
import { createPreparePool, defaultPrepareThreads } from './prepare-pool';
import { otlpRouter } from './router';

const BATCH = 512;

interface LoadJob {
  url: string;
  requests: number;
  concurrency: number;
  /** Decode threads of the receiver (EVENTSCOPE_OTLP_THREADS). */
  threads: number;
}

interface FormatResult {
  format: 'json' | 'protobuf';
  spans: number;
  seconds: number;
  latenciesMs: number[];
  failures: number;
  bodyBytes: number;
  parseMs: number;
  decodeMs: number;
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Worker: builds distinct bodies up front, measures their raw parse, then sends them. */
async function loadGenerator(job: LoadJob): Promise<FormatResult[]> {
  const results: FormatResult[] = [];
  let startMs = Date.now() - 3_600_000;
  for (const format of ['json', 'protobuf'] as const) {
    const bodies: Buffer[] = [];
    for (let i = 0; i < job.requests; i++) {
      const spans = exportBatch(BATCH, (startMs += 20));
      bodies.push(format === 'json' ? encodeJson(spans) : encodeProtobuf(spans));
    }
    // Baselines on the same bodies: the wire parse alone, then our decode + normalize + checks.
    let t = performance.now();
    for (const body of bodies)
      if (format === 'json') JSON.parse(body.toString('utf8'));
      else ExportTraceServiceRequest.decode(body);
    const parseMs = performance.now() - t;
    t = performance.now();
    const decoded = bodies.map((body) =>
      format === 'json' ? decodeJson(body) : decodeProtobuf(body),
    );
    const decodeMs = performance.now() - t;
    if (decoded.some((request) => request.rejected > 0)) throw new Error('fixture spans rejected');

    const latenciesMs: number[] = [];
    let failures = 0;
    // node:http with keep-alive: a lighter client than fetch leaves more of the two cores to
    // the receiver under test.
    const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
    const contentType = format === 'json' ? 'application/json' : 'application/x-protobuf';
    const send = (body: Buffer | undefined) =>
      new Promise<boolean>((resolve, reject) => {
        const req = request(
          job.url,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': contentType, 'content-length': body?.length ?? 0 },
          },
          (res) => {
            res.resume();
            res.once('end', () => resolve(res.statusCode === 200));
            res.once('error', reject);
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    // Warm-up (decode threads start, code gets optimized): sustained ingest is what we measure.
    const warmUp = Array.from({ length: job.concurrency * 2 }, (_, i) =>
      format === 'json'
        ? encodeJson(exportBatch(BATCH, startMs - 1_000_000 + i))
        : encodeProtobuf(exportBatch(BATCH, startMs - 1_000_000 + i)),
    );
    await Promise.all(warmUp.map(send));
    let next = 0;
    const started = performance.now();
    const connection = async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const sent = performance.now();
        try {
          if (!(await send(bodies[i]))) failures += 1;
        } catch {
          failures += 1; // a dropped connection counts as a failed request, the run goes on
        }
        latenciesMs.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, connection));
    agent.destroy();
    results.push({
      format,
      spans: bodies.length * BATCH,
      seconds: (performance.now() - started) / 1000,
      latenciesMs,
      failures,
      bodyBytes: bodies.reduce((n, b) => n + b.length, 0),
      parseMs,
      decodeMs,
    });
  }
  return results;
}

async function timelineQuery(store: Store): Promise<number> {
  const traceId = 'f'.repeat(16) + Date.now().toString(16).padStart(16, '0');
  const t0 = Date.now() - 600_000;
  const spans: Span[] = [];
  for (let i = 0; i < 10_000; i++) {
    const spanId = (i + 1).toString(16).padStart(16, '0');
    const parent = i === 0 ? null : (Math.floor((i - 1) / 4) + 1).toString(16).padStart(16, '0');
    spans.push(
      SpanSchema.parse({
        traceId,
        spanId,
        parentSpanId: parent,
        links: [],
        service: `svc-${i % 7}`,
        name: `op-${i % 13}`,
        kind: i % 3 === 0 ? 'producer' : i % 3 === 1 ? 'consumer' : 'internal',
        startedAt: new Date(t0 + i).toISOString(),
        startTimeUnixNano: (BigInt(t0 + i) * 1_000_000n).toString(),
        durationMs: 5,
        status: { code: 'unset' },
        attributes: { 'messaging.destination.name': 'orders', i },
        source: 'otlp',
        correlationIds: ['bench-10k'],
        messaging: { destination: 'orders' },
      }),
    );
  }
  await createSpanIngest(store.db).ingest(spans);
  const times: number[] = [];
  for (let run = 0; run < 4; run++) {
    const started = performance.now();
    await getTimeline(store.db, 'bench-10k');
    times.push(performance.now() - started);
  }
  return percentile(times.slice(1), 50);
}

async function runOn(engine: 'pglite' | 'postgres', job: Omit<LoadJob, 'url'>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'eventscope-bench-'));
  let postgres: PostgresServer | undefined;
  if (engine === 'postgres') postgres = await startPostgres();
  const store = await openStore({ dataDir, ...(postgres ? { databaseUrl: postgres.url } : {}) });
  const preparer = createPreparePool(job.threads);
  const app = express();
  app.use(
    '/v1',
    otlpRouter({ ingest: createSpanIngest(store.db), preparer, logger: pino({ level: 'warn' }) }),
  );
  const server = app.listen(0, '127.0.0.1');
  // Under load a response can take seconds: keep idle connections longer than the default 5 s.
  server.keepAliveTimeout = 30_000;
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  try {
    // Workers do not inherit tsx's loader on Node 20: register it, then load this file.
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(
      `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`,
      { eval: true, workerData: { ...job, url } },
    );
    const [results] = (await Promise.race([
      once(worker, 'message'),
      once(worker, 'error').then(([e]) => Promise.reject(e)),
    ])) as [FormatResult[]];
    await worker.terminate();
    print(
      `\n${engine}: ${job.requests} requests × ${BATCH} spans per format, ${job.concurrency} connections, ${job.threads} decode threads`,
    );
    for (const r of results) {
      const perSecond = (ms: number) => Math.round(r.spans / (ms / 1000)).toLocaleString('en');
      print(
        `  ${r.format.padEnd(8)} ingest ${Math.round(r.spans / r.seconds).toLocaleString('en')} spans/s` +
          `, p50 ${percentile(r.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(r.latenciesMs, 99).toFixed(1)} ms` +
          `, ${(r.bodyBytes / r.spans).toFixed(0)} B/span${r.failures ? `, ${r.failures} FAILED` : ''}`,
      );
      print(
        `  ${''.padEnd(8)} raw parse alone ${perSecond(r.parseMs)} spans/s; decode+normalize+validate ${perSecond(r.decodeMs)} spans/s (one thread)`,
      );
    }
    print(
      `  10,000-span timeline query: ${(await timelineQuery(store)).toFixed(0)} ms (median of 3)`,
    );
  } finally {
    server.close();
    await preparer.close();
    await store.close();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  const job = {
    requests: arg('requests', 400),
    concurrency: arg('concurrency', 8),
    threads: arg('threads', defaultPrepareThreads()),
  };
  const engines: ('pglite' | 'postgres')[] = process.argv.includes('--postgres')
    ? ['pglite', 'postgres']
    : ['pglite'];
  for (const engine of engines) await runOn(engine, job);
  print('targets: ≥ 50,000 spans/s ingested; 10k-span timeline < 300 ms');
} else {
  const results = await loadGenerator(workerData as LoadJob);
  parentPort?.postMessage(results);
}
