import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Span } from '@eventscope/shared';

/**
 * Span storage unit (ADR 0009): the spans of one trace from one ingested batch, stored as one
 * row with the trace's search columns and the spans as packed JSON (packSpans). A batch of 512
 * spans over 32 traces costs 32 rows instead of 512 rows and their index entries, and a
 * timeline reads a few rows instead of thousands.
 */
export interface SpanChunk {
  traceId: string;
  /**
   * Hash of the chunk's spans: an exporter retrying a batch sends the same spans, which hash
   * the same and are not stored twice. Spans repeated in a different grouping are dropped when
   * read (by span id).
   */
  digest: string;
  firstStartedAt: string;
  lastStartedAt: string;
  startNs: string;
  endNs: string;
  spanCount: number;
  errorCount: number;
  services: string[];
  topics: string[];
  correlationIds: string[];
  linkedTraceIds: string[];
  /**
   * Latency of the chunk's OTLP spans for span-latency alert rules, as text (latencyEntry
   * records): PostgreSQL stores one text several times cheaper than three arrays.
   */
  latency: string;
  /** The spans, a JSON array in the Span shape, compressed, in base64 (see packSpans). */
  spansPacked: string;
}

/** Bounds the size of one row (a 10,000-span trace from one batch becomes 10 rows). */
export const MAX_SPANS_PER_CHUNK = 1000;

const endNsOf = (span: Span) =>
  BigInt(span.startTimeUnixNano) + BigInt(Math.round(span.durationMs * 1e6));

const isoOfNs = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();

/**
 * Separators of SpanChunk.latency: one record per OTLP span, `service US name US ms`, records
 * split by RS (ASCII unit and record separators; chr(31) and chr(30) in SQL). A separator
 * inside a service or span name becomes a space.
 */
const LATENCY_FIELD = '\u001f';
const LATENCY_RECORD = '\u001e';
const SEPARATORS = new RegExp(`[${LATENCY_RECORD}${LATENCY_FIELD}]`, 'g');

const latencyEntry = (span: Span) =>
  [span.service.replace(SEPARATORS, ' '), span.name.replace(SEPARATORS, ' '), span.durationMs].join(
    LATENCY_FIELD,
  );

function chunkOf(traceId: string, spans: readonly Span[]): SpanChunk {
  // Packing is deterministic, so the same spans hash the same: hashing the packed bytes is
  // ~10× less work than hashing the JSON.
  const packed = packSpans(JSON.stringify(spans));
  const services = new Set<string>();
  const topics = new Set<string>();
  const correlationIds = new Set<string>();
  const linkedTraceIds = new Set<string>();
  const chunk: SpanChunk = {
    traceId,
    digest: createHash('sha1').update(packed).digest('base64url'),
    firstStartedAt: '',
    lastStartedAt: '',
    startNs: '',
    endNs: '',
    spanCount: spans.length,
    errorCount: 0,
    services: [],
    topics: [],
    correlationIds: [],
    linkedTraceIds: [],
    latency: '',
    spansPacked: packed.toString('base64'),
  };
  let startNs: bigint | undefined;
  let lastStartNs = 0n;
  let endNs: bigint | undefined;
  const latency: string[] = [];
  for (const span of spans) {
    const start = BigInt(span.startTimeUnixNano);
    const end = endNsOf(span);
    if (startNs === undefined || start < startNs) startNs = start;
    if (start > lastStartNs) lastStartNs = start;
    if (endNs === undefined || end > endNs) endNs = end;
    if (span.status.code === 'error') chunk.errorCount += 1;
    services.add(span.service);
    if (span.messaging.destination !== undefined) topics.add(span.messaging.destination);
    for (const id of span.correlationIds) correlationIds.add(id);
    for (const link of span.links) if (link.traceId !== traceId) linkedTraceIds.add(link.traceId);
    if (span.source === 'otlp') latency.push(latencyEntry(span));
  }
  chunk.latency = latency.join(LATENCY_RECORD);
  chunk.firstStartedAt = isoOfNs(startNs ?? 0n);
  chunk.lastStartedAt = isoOfNs(lastStartNs);
  chunk.startNs = String(startNs ?? 0n);
  chunk.endNs = String(endNs ?? 0n);
  chunk.services = [...services];
  chunk.topics = [...topics];
  chunk.correlationIds = [...correlationIds];
  chunk.linkedTraceIds = [...linkedTraceIds];
  return chunk;
}

/** Groups validated spans by trace (in arrival order within a trace) into chunks. */
export function toSpanChunks(spans: readonly Span[]): SpanChunk[] {
  const byTrace = new Map<string, Span[]>();
  for (const span of spans) {
    let list = byTrace.get(span.traceId);
    if (!list) byTrace.set(span.traceId, (list = []));
    list.push(span);
  }
  const chunks: SpanChunk[] = [];
  for (const [traceId, list] of byTrace)
    for (let i = 0; i < list.length; i += MAX_SPANS_PER_CHUNK)
      chunks.push(chunkOf(traceId, list.slice(i, i + MAX_SPANS_PER_CHUNK)));
  return chunks;
}

/**
 * Chunks as the JSON text of an array: the writer's statement parameter. Texts of several
 * batches are joined without parsing them again (joinChunkJson).
 */
export const chunkJson = (chunks: readonly SpanChunk[]): string => JSON.stringify(chunks);

export function joinChunkJson(texts: readonly string[]): string {
  const inner = texts.map((text) => text.slice(1, -1)).filter((text) => text !== '');
  return `[${inner.join(',')}]`;
}

/** First byte of a packed chunk: Brotli follows. Chunks migrated from rows are plain JSON ('['). */
const BROTLI = 0x01;

/**
 * Compressed here (on a decode thread for OTLP) because handing the database text is the
 * dearest part of a write on PGlite (~16 ns per byte). Brotli at quality 1 makes span JSON
 * ~9× smaller in half the time of gzip level 1, and a packed chunk of a typical trace stays
 * under the 2 kB TOAST threshold.
 */
export function packSpans(json: string): Buffer {
  const packed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return Buffer.concat([Buffer.of(BROTLI), packed]);
}

/** The JSON text of a stored chunk's spans. */
export function spansJsonOf(stored: Buffer): string {
  if (stored[0] === BROTLI) return brotliDecompressSync(stored.subarray(1)).toString('utf8');
  return stored.toString('utf8');
}
