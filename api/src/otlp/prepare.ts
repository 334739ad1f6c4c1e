import type { ErrorCode } from '@eventscope/shared';
import { DomainError } from '../domain/errors';
import { MAX_SPAN_ERRORS, prepareValidSpans, type PreparedSpans } from '../traces/ingest';
import { decodeRequest, type OtlpFormat } from './decode';

/**
 * An export request made ready to store: decoded, validated and serialized as span chunks.
 * Plain data, so it can come back from a decode thread.
 */
export type PreparedExport =
  | {
      ok: true;
      /** Their `rejected` counts the spans the decoder refused. */
      spans: PreparedSpans;
      /** The first refusals, each naming the span's position in the request. */
      errors: string[];
    }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Decode → normalize and validate (to-spans.ts) → chunk: all the CPU work of an export, none
 * of the I/O.
 */
export function prepareExport(format: OtlpFormat, body: Uint8Array): PreparedExport {
  try {
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const decoded = decodeRequest(format, buffer);
    return {
      ok: true,
      spans: { ...prepareValidSpans(decoded.spans), rejected: decoded.rejected },
      errors: decoded.errors.slice(0, MAX_SPAN_ERRORS),
    };
  } catch (error) {
    // Only the request's own faults come back as errors; a bug propagates as one.
    if (error instanceof DomainError)
      return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
