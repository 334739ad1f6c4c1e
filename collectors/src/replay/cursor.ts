/**
 * The DLQ browser's opaque page cursor: base64url JSON of the next position per partition.
 * Newest-first pages hold an exclusive upper bound per partition (read below it next),
 * oldest-first pages an inclusive lower bound (read from it next). Decoding never trusts the
 * text: anything malformed is a CursorError the api answers with 400.
 */

export type BrowseOrder = 'newest' | 'oldest';

export interface BrowseCursor {
  order: BrowseOrder;
  /** partition → offset (decimal string). */
  positions: Map<number, string>;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

const OFFSET = /^(0|[1-9][0-9]{0,18})$/;
const INT64_MAX = 2n ** 63n - 1n;
const MAX_PARTITIONS = 10_000;

export function encodeCursor(cursor: BrowseCursor): string {
  const p: Record<string, string> = {};
  for (const [partition, offset] of [...cursor.positions].sort((a, b) => a[0] - b[0]))
    p[String(partition)] = offset;
  return Buffer.from(JSON.stringify({ v: 1, o: cursor.order, p })).toString('base64url');
}

export function decodeCursor(text: string): BrowseCursor {
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(text)) throw new CursorError('the cursor is not valid');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('the cursor is not valid');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new CursorError('the cursor is not valid');
  const { v, o, p } = parsed as Record<string, unknown>;
  if (v !== 1 || (o !== 'newest' && o !== 'oldest') || typeof p !== 'object' || p === null)
    throw new CursorError('the cursor is not valid');
  const entries = Object.entries(p);
  if (entries.length > MAX_PARTITIONS) throw new CursorError('the cursor is not valid');
  const positions = new Map<number, string>();
  for (const [partition, offset] of entries) {
    if (!/^(0|[1-9][0-9]{0,5})$/.test(partition) || typeof offset !== 'string')
      throw new CursorError('the cursor is not valid');
    if (!OFFSET.test(offset) || BigInt(offset) > INT64_MAX)
      throw new CursorError('the cursor is not valid');
    positions.set(Number(partition), offset);
  }
  return { order: o, positions };
}
