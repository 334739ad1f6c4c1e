import { BadRequestError } from '../domain/errors';
import { ExportTraceServiceRequest } from './proto';
import { toSpanCandidates, type DecodedRequest } from './to-spans';

export type OtlpFormat = 'json' | 'protobuf';

/** OTLP/JSON: hex ids, int64 as strings or numbers, enums as integers or names. */
export function decodeJson(body: Buffer): DecodedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'too deeply nested';
    throw new BadRequestError(`request body is not valid JSON: ${reason}`);
  }
  return toSpanCandidates(parsed);
}

/** OTLP/protobuf: an ExportTraceServiceRequest message. */
export function decodeProtobuf(body: Buffer): DecodedRequest {
  let message: unknown;
  try {
    message = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'undecodable';
    throw new BadRequestError(
      `request body is not a valid ExportTraceServiceRequest protobuf (truncated or malformed: ${reason})`,
    );
  }
  return toSpanCandidates(message);
}

export function decodeRequest(format: OtlpFormat, body: Buffer): DecodedRequest {
  return format === 'json' ? decodeJson(body) : decodeProtobuf(body);
}
