import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { OtlpFormat } from './decode';
import { prepareExport, type PreparedExport } from './prepare';

/** Runs prepareExport: on decode threads (createPreparePool) or on the caller's thread. */
export interface ExportPreparer {
  prepare(format: OtlpFormat, body: Buffer): Promise<PreparedExport>;
  close(): Promise<void>;
}

export const inThreadPreparer: ExportPreparer = {
  prepare: (format, body) => Promise.resolve(prepareExport(format, body)),
  close: () => Promise.resolve(),
};

/** EVENTSCOPE_OTLP_THREADS default: one decode thread per core, at most 4. */
export const defaultPrepareThreads = () => Math.min(4, availableParallelism());

/**
 * Decoding and validating spans costs ~15 µs per span: on the event loop that alone caps ingest
 * near 60,000 spans/s and stalls every other request. On a pool of threads the event loop only
 * reads bodies and writes chunks. Threads start on first use and stop when idle.
 */
export function createPreparePool(threads = defaultPrepareThreads()): ExportPreparer {
  if (threads <= 0) return inThreadPreparer;
  const pool = new Piscina<{ format: OtlpFormat; body: Uint8Array }, PreparedExport>({
    filename: new URL('./prepare-thread.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    // A decode allocates ~2 MB of short-lived objects per 512 spans: a larger young generation
    // means fewer scavenges (128 MB: +5–10 % spans/s in bench:otlp over the default). The
    // event loop gets the same through `--max-semi-space-size=64` in the start scripts, which
    // also pass `--v8-pool-size=0`: V8 helper threads for parallel GC sized to the cores less
    // one, instead of node's fixed 4. On two cores the extra helpers only competed with the
    // decode threads (bench:otlp: +7 % spans/s, timeline query unchanged).
    resourceLimits: { maxYoungGenerationSizeMb: 128 },
  });
  return {
    prepare: (format, body) => {
      // Moved, not copied, when the body owns its whole ArrayBuffer (bodies over a few kB);
      // a slice of a shared buffer is copied first so nothing else loses its memory.
      const owned =
        body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
          ? body
          : new Uint8Array(body);
      return pool.run({ format, body: owned }, { transferList: [owned.buffer as ArrayBuffer] });
    },
    close: () => pool.destroy(),
  };
}
