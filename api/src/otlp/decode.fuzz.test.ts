import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanSchema } from '@eventscope/shared';
import { DomainError } from '../domain/errors';
import { decodeJson, decodeProtobuf } from './decode';
import { encodeProtobuf, exportBatch } from './fixtures';
import { ExportTraceServiceRequest } from './proto';
import type { DecodedRequest } from './to-spans';

/**
 * Decoders may only fail with our typed errors (mapped to 4xx), never with anything else, and
 * every span they return satisfies SpanSchema (the ingest path stores them without re-parsing).
 */
function onlyTypedErrors(decode: () => DecodedRequest): void {
  let decoded: DecodedRequest;
  try {
    decoded = decode();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return;
  }
  for (const span of decoded.spans) {
    const parsed = SpanSchema.safeParse(span);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Stored as JSON: what is read back is what was decoded.
    expect(JSON.parse(JSON.stringify(span))).toEqual(parsed.data);
  }
}

const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ stringValue: fc.oneof(fc.string(), fc.integer()) }),
    fc.record({ intValue: fc.oneof(fc.bigInt().map(String), fc.double(), fc.string()) }),
    fc.record({ boolValue: fc.jsonValue() }),
    fc.record({ doubleValue: fc.oneof(fc.double(), fc.string()) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('value'), { maxLength: 3 }) }) }),
    fc.record({
      kvlistValue: fc.record({
        values: fc.array(fc.record({ key: fc.string(), value: tie('value') }), { maxLength: 3 }),
      }),
    }),
    fc.jsonValue(),
  ),
}));

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

const spanLike = fc.record(
  {
    traceId: fc.oneof(hex(16), hex(15), fc.string(), fc.integer()),
    spanId: fc.oneof(hex(8), fc.string()),
    parentSpanId: fc.oneof(hex(8), fc.constant(''), fc.jsonValue()),
    name: fc.oneof(fc.string(), fc.jsonValue()),
    kind: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.string(), fc.constant('SPAN_KIND_CLIENT')),
    startTimeUnixNano: fc.oneof(
      fc.bigInt({ min: -1n, max: 2n ** 64n }).map(String),
      fc.double(),
      fc.jsonValue(),
    ),
    endTimeUnixNano: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), fc.integer()),
    attributes: fc.oneof(
      fc.array(fc.record({ key: fc.oneof(fc.string(), fc.integer()), value: anyValue.value }), {
        maxLength: 4,
      }),
      fc.jsonValue(),
    ),
    links: fc.oneof(
      fc.array(fc.record({ traceId: hex(16), spanId: fc.jsonValue() }), { maxLength: 2 }),
      fc.jsonValue(),
    ),
    status: fc.oneof(
      fc.record({ code: fc.oneof(fc.integer(), fc.string()), message: fc.jsonValue() }),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);

const requestLike = fc.oneof(
  fc.jsonValue(),
  fc.record({
    resourceSpans: fc.oneof(
      fc.jsonValue(),
      fc.array(
        fc.record(
          {
            resource: fc.oneof(
              fc.jsonValue(),
              fc.record({
                attributes: fc.array(fc.record({ key: fc.string(), value: anyValue.value }), {
                  maxLength: 2,
                }),
              }),
            ),
            scopeSpans: fc.oneof(
              fc.jsonValue(),
              fc.array(
                fc.record({
                  spans: fc.oneof(fc.array(spanLike, { maxLength: 4 }), fc.jsonValue()),
                }),
                { maxLength: 2 },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
  }),
);

describe('decoder fuzzing', () => {
  it('JSON: random text and random JSON values only ever raise typed errors', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        onlyTypedErrors(() => decodeJson(Buffer.from(text)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(requestLike, (request) => {
        onlyTypedErrors(() => decodeJson(Buffer.from(JSON.stringify(request))));
      }),
      { numRuns: 1000 },
    );
  });

  it('protobuf: random bytes and mutated real messages only ever raise typed errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        onlyTypedErrors(() => decodeProtobuf(Buffer.from(bytes)));
      }),
      { numRuns: 1000 },
    );
    const real = encodeProtobuf(exportBatch(4));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        fc.nat(real.length),
        (flips, cut) => {
          const mutated = Buffer.from(real.subarray(0, cut));
          for (const [at, byte] of flips) if (at < mutated.length) mutated[at] = byte;
          onlyTypedErrors(() => decodeProtobuf(mutated));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('protobuf: random well-formed requests decode (spans accepted or rejected, never thrown)', () => {
    fc.assert(
      fc.property(requestLike, (request) => {
        let message: Uint8Array;
        try {
          message = ExportTraceServiceRequest.encode(
            ExportTraceServiceRequest.fromObject(request as Record<string, unknown>),
          ).finish();
        } catch {
          return; // not representable in protobuf: nothing to decode
        }
        onlyTypedErrors(() => decodeProtobuf(Buffer.from(message)));
      }),
      { numRuns: 500 },
    );
  });
});
