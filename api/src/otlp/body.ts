import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate, inflateRaw } from 'node:zlib';
import { BadRequestError } from '../domain/errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);

/** After answering 413 we read on (and discard) this much more before cutting the connection. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export type ContentEncoding = 'identity' | 'gzip' | 'deflate';

export function contentEncodingOf(header: string | undefined): ContentEncoding {
  const value = (header ?? 'identity').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  throw new UnsupportedMediaTypeError(
    `unsupported Content-Encoding "${value.slice(0, 40)}" (use gzip, deflate or none)`,
  );
}

/**
 * Reads the raw body, at most `limit` bytes. Over the limit it rejects at once (from
 * Content-Length when given) and drains the rest so the connection can be reused.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new PayloadTooLargeError(`request body is larger than ${limit} bytes`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req);
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        drain(req);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = () => {
      cleanup();
      reject(new BadRequestError('request was aborted'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

function drain(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

const isTooLarge = (error: unknown) =>
  error instanceof RangeError ||
  (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE');

/**
 * Inflates on the libuv thread pool with `maxOutputLength`: zlib stops as soon as the output
 * passes the limit, so a decompression bomb costs at most `limit` bytes and a few ms.
 */
export async function decompress(
  body: Buffer,
  encoding: ContentEncoding,
  limit: number,
): Promise<Buffer> {
  if (encoding === 'identity') return body;
  const options = { maxOutputLength: limit };
  try {
    if (encoding === 'gzip') return await gunzipAsync(body, options);
    // HTTP "deflate" is zlib-wrapped, but some clients send raw deflate.
    return await inflateAsync(body, options).catch((error: unknown) => {
      if (isTooLarge(error)) throw error;
      return inflateRawAsync(body, options);
    });
  } catch (error) {
    if (isTooLarge(error))
      throw new PayloadTooLargeError(`decompressed request body is larger than ${limit} bytes`);
    throw new BadRequestError(`request body is not valid ${encoding} data`);
  }
}
