import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const protoDir = fileURLToPath(new URL('./proto/', import.meta.url));

/** Loaded once at start from the .proto files beside this module (see their header). */
function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // Imports are written as in upstream ("opentelemetry/proto/..."): resolve them under proto/.
  root.resolvePath = (_origin, target) =>
    target.startsWith('google/protobuf/') ? target : join(protoDir, target);
  root.loadSync([
    'opentelemetry/proto/collector/trace/v1/trace_service.proto',
    'google/rpc/status.proto',
  ]);
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const ExportTraceServiceRequest = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);
export const RpcStatus = root.lookupType('google.rpc.Status');

/** gRPC status codes used in google.rpc.Status error bodies (OTLP/HTTP "Failures"). */
export const grpcCode = {
  invalidArgument: 3,
  resourceExhausted: 8,
  internal: 13,
  unavailable: 14,
} as const;
