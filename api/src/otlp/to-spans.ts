import {
  correlationIdsFromAttributes,
  messagingFromAttributes,
  type Span,
  type SpanKind,
  type SpanLink,
  type SpanStatus,
} from '@eventscope/shared';
import { BadRequestError } from '../domain/errors';
import { MAX_SPAN_ERRORS } from '../traces/ingest';
import {
  field,
  isObj,
  keyValues,
  list,
  readEnum,
  readId,
  readInt64,
  readString,
  type Obj,
} from './values';

export interface DecodedRequest {
  /**
   * Spans in the normalized shape, each checked field by field on the way: every span here
   * satisfies SpanSchema (decode.fuzz.test.ts checks that on random requests), so the hot
   * ingest path need not parse them with zod a second time.
   */
  spans: Span[];
  rejected: number;
  errors: string[];
}

const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
// UNSPECIFIED may be treated as INTERNAL (trace.proto).
const KINDS: readonly SpanKind[] = [
  'internal',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;
const STATUSES: readonly SpanStatus['code'][] = ['unset', 'ok', 'error'];

class SpanProblem extends Error {}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SpanProblem(what);
  return value;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZEROS = /^0+$/;

/** A trace or span id as SpanSchema wants it: lowercase hex of the right length, not all zeros. */
function hexId(value: unknown, pattern: RegExp, what: string, field: string): string {
  const id = need(readId(value), `${field} must be hex`);
  const digits = what === 'trace id' ? 32 : 16;
  if (!pattern.test(id)) throw new SpanProblem(`${field}: ${what} must be ${digits} hex digits`);
  if (ALL_ZEROS.test(id)) throw new SpanProblem(`${field}: ${what} must not be all zeros`);
  return id;
}
const traceIdOf = (value: unknown, field: string) => hexId(value, TRACE_ID, 'trace id', field);
const spanIdOf = (value: unknown, field: string) => hexId(value, SPAN_ID, 'span id', field);

function arrayAt(o: Obj, camel: string, snake: string, where: string): readonly unknown[] {
  const value = list(field(o, camel, snake));
  if (!value) throw new BadRequestError(`${where}.${camel} must be an array`);
  return value;
}

function serviceOf(resource: unknown, where: string): string {
  if (resource === undefined || resource === null) return 'unknown_service';
  if (!isObj(resource)) throw new BadRequestError(`${where}.resource must be an object`);
  const entries = list(field(resource, 'attributes'));
  const attributes = entries ? keyValues(entries) : undefined;
  if (!attributes) throw new BadRequestError(`${where}.resource.attributes are malformed`);
  const name = attributes['service.name'];
  return typeof name === 'string' && name !== '' ? name : 'unknown_service';
}

function readLink(link: unknown): SpanLink {
  if (!isObj(link)) throw new SpanProblem('a link must be an object');
  return {
    traceId: traceIdOf(field(link, 'traceId', 'trace_id'), 'link traceId'),
    spanId: spanIdOf(field(link, 'spanId', 'span_id'), 'link spanId'),
    attributes: need(
      keyValues(need(list(field(link, 'attributes')), 'link attributes must be an array')),
      'link attributes are malformed',
    ),
  };
}

function readStatus(status: unknown): SpanStatus {
  if (status === undefined || status === null) return { code: 'unset' };
  if (!isObj(status)) throw new SpanProblem('status must be an object');
  const code =
    STATUSES[need(readEnum(field(status, 'code'), STATUS_NAMES), 'status.code is not a code')];
  const message = need(readString(field(status, 'message')), 'status.message must be a string');
  return {
    code: need(code, 'status.code is not a known code'),
    ...(message ? { message } : {}),
  };
}

function readSpan(span: unknown, service: string): Span {
  if (!isObj(span)) throw new SpanProblem('a span must be an object');
  const start = need(
    readInt64(field(span, 'startTimeUnixNano', 'start_time_unix_nano')),
    'startTimeUnixNano must be an integer',
  );
  const end = need(
    readInt64(field(span, 'endTimeUnixNano', 'end_time_unix_nano')),
    'endTimeUnixNano must be an integer',
  );
  if (start <= 0n) throw new SpanProblem('startTimeUnixNano is required');
  if (end < start) throw new SpanProblem('endTimeUnixNano is before startTimeUnixNano');
  const attributes = need(
    keyValues(need(list(field(span, 'attributes')), 'attributes must be an array')),
    'attributes are malformed (each needs a string key and an AnyValue)',
  );
  const parentField = field(span, 'parentSpanId', 'parent_span_id');
  const parent = need(readId(parentField), 'parentSpanId must be hex');
  const kind = KINDS[need(readEnum(field(span, 'kind'), KIND_NAMES), 'kind is not a SpanKind')];
  return {
    traceId: traceIdOf(field(span, 'traceId', 'trace_id'), 'traceId'),
    spanId: spanIdOf(field(span, 'spanId', 'span_id'), 'spanId'),
    parentSpanId: parent === '' ? null : spanIdOf(parentField, 'parentSpanId'),
    links: need(list(field(span, 'links')), 'links must be an array').map(readLink),
    service,
    name: need(readString(field(span, 'name')), 'name must be a string'),
    kind: need(kind, 'kind is not a known SpanKind'),
    startedAt: new Date(Number(start / 1_000_000n)).toISOString(),
    startTimeUnixNano: start.toString(),
    durationMs: Number(end - start) / 1e6,
    status: readStatus(field(span, 'status')),
    attributes,
    source: 'otlp',
    correlationIds: correlationIdsFromAttributes(attributes),
    messaging: messagingFromAttributes(attributes),
  };
}

/**
 * Walks an ExportTraceServiceRequest (parsed JSON or a decoded protobuf message) into span
 * candidates. A malformed envelope rejects the whole request (BadRequestError); a malformed
 * span is counted as rejected so the others can still be accepted (OTLP partial success).
 */
export function toSpanCandidates(request: unknown): DecodedRequest {
  if (!isObj(request) || Array.isArray(request))
    throw new BadRequestError('an OTLP export request must be an object');
  const out: DecodedRequest = { spans: [], rejected: 0, errors: [] };
  let position = 0;
  const resources = arrayAt(request, 'resourceSpans', 'resource_spans', 'request');
  resources.forEach((resourceSpans, r) => {
    const where = `resourceSpans[${r}]`;
    if (!isObj(resourceSpans)) throw new BadRequestError(`${where} must be an object`);
    const service = serviceOf(field(resourceSpans, 'resource'), where);
    arrayAt(resourceSpans, 'scopeSpans', 'scope_spans', where).forEach((scopeSpans, s) => {
      if (!isObj(scopeSpans))
        throw new BadRequestError(`${where}.scopeSpans[${s}] must be an object`);
      for (const span of arrayAt(scopeSpans, 'spans', 'spans', `${where}.scopeSpans[${s}]`)) {
        try {
          out.spans.push(readSpan(span, service));
        } catch (error) {
          if (!(error instanceof SpanProblem)) throw error;
          out.rejected += 1;
          if (out.errors.length < MAX_SPAN_ERRORS)
            out.errors.push(`span ${position}: ${error.message}`);
        }
        position += 1;
      }
    });
  });
  return out;
}
