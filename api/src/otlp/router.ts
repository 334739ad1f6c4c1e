import express, { type Request, type Response, type Router } from 'express';
import { errorStatus, type ErrorCode } from '@eventscope/shared';
import { DomainError } from '../domain/errors';
import { errorBody, loggableError } from '../http/error-handler';
import type { Logger } from '../logging';
import type { SpanIngest } from '../traces/ingest';
import { contentEncodingOf, decompress, readBody } from './body';
import type { OtlpFormat } from './decode';
import { UnsupportedMediaTypeError } from './errors';
import { inThreadPreparer, type ExportPreparer } from './prepare-pool';
import { ExportTraceServiceResponse, grpcCode, RpcStatus } from './proto';

export interface OtlpRouterDeps {
  ingest: SpanIngest;
  /** Where bodies are decoded and validated; default on the event loop (tests, small loads). */
  preparer?: ExportPreparer;
  logger: Logger;
  /** Limit on the body, raw and decompressed; default 20 MiB. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';

function formatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === JSON_TYPE) return 'json';
  if (mediaType === PROTOBUF_TYPE || mediaType === 'application/protobuf') return 'protobuf';
  throw new UnsupportedMediaTypeError(
    `unsupported Content-Type "${mediaType.slice(0, 60)}": send application/json or application/x-protobuf`,
  );
}

interface Outcome {
  rejected: number;
  errors: string[];
}

function sendSuccess(res: Response, format: OtlpFormat, outcome: Outcome): void {
  const partialSuccess =
    outcome.rejected > 0
      ? { rejectedSpans: outcome.rejected, errorMessage: outcome.errors.join('; ') }
      : undefined;
  if (format === 'json') {
    res
      .status(200)
      .type(JSON_TYPE)
      .send(JSON.stringify(partialSuccess ? { partialSuccess } : {}));
    return;
  }
  const message = ExportTraceServiceResponse.encode(partialSuccess ? { partialSuccess } : {});
  res.status(200).type(PROTOBUF_TYPE).send(Buffer.from(message.finish()));
}

const grpcCodeOf: Partial<Record<ErrorCode, number>> = {
  bad_request: grpcCode.invalidArgument,
  payload_too_large: grpcCode.resourceExhausted,
  unavailable: grpcCode.unavailable,
};

/** OTLP/HTTP failures: google.rpc.Status for protobuf clients, our error shape for JSON. */
function sendError(
  res: Response,
  format: OtlpFormat | undefined,
  requestId: string | undefined,
  code: ErrorCode,
  message: string,
): void {
  if (res.headersSent) return;
  res.status(errorStatus[code]);
  if (code === 'unavailable') res.setHeader('Retry-After', '5');
  if (format === 'protobuf') {
    const status = RpcStatus.encode({ code: grpcCodeOf[code] ?? grpcCode.internal, message });
    res.type(PROTOBUF_TYPE).send(Buffer.from(status.finish()));
    return;
  }
  res.type(JSON_TYPE).send(JSON.stringify(errorBody(code, message, requestId)));
}

async function handleExport(deps: OtlpRouterDeps, req: Request, res: Response): Promise<void> {
  const limit = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  let format: OtlpFormat | undefined;
  try {
    format = formatOf(req.headers['content-type']);
    const encoding = contentEncodingOf(req.headers['content-encoding']);
    const body = await decompress(await readBody(req, limit), encoding, limit);
    const prepared = await (deps.preparer ?? inThreadPreparer).prepare(format, body);
    if (!prepared.ok) {
      sendError(res, format, requestId, prepared.code, prepared.message);
      return;
    }
    const { errors, spans } = prepared;
    const { rejected } = spans;
    if (spans.accepted === 0 && rejected > 0) {
      const more = rejected > errors.length ? ` (and ${rejected - errors.length} more)` : '';
      sendError(
        res,
        format,
        requestId,
        'bad_request',
        `no valid span: ${errors.join('; ')}${more}`,
      );
      return;
    }
    await deps.ingest.store(spans);
    sendSuccess(res, format, { rejected, errors });
  } catch (error) {
    if (error instanceof DomainError) {
      sendError(res, format, requestId, error.code, error.message);
      return;
    }
    // The store failed (or a bug): OTLP clients retry 503 with backoff.
    deps.logger.error({ err: loggableError(error), requestId }, 'OTLP export failed');
    sendError(res, format, requestId, 'unavailable', 'spans could not be stored; retry later');
  }
}

/** OTLP/HTTP receiver; mounted at /v1 it serves `POST /v1/traces`. */
export function otlpRouter(deps: OtlpRouterDeps): Router {
  const router = express.Router();
  router.post('/traces', (req, res) => {
    void handleExport(deps, req, res).catch((error: unknown) => {
      deps.logger.error({ err: loggableError(error) }, 'OTLP response failed');
    });
  });
  return router;
}
