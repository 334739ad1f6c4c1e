import { describe, expect, it } from 'vitest';
import type { Queryable, Row } from '../store';
import { createChunkWriter } from './span-writer';

/** A database whose statements finish when the test says so. */
function gatedDb() {
  const statements: { json: unknown[]; finish: (error?: Error) => void }[] = [];
  const db: Queryable = {
    query: <T extends Row>(_sql: string, params: readonly unknown[] = []) =>
      new Promise<{ rows: T[] }>((resolve, reject) => {
        statements.push({
          json: JSON.parse(String(params[0])) as unknown[],
          finish: (error) => (error ? reject(error) : resolve({ rows: [] })),
        });
      }),
    exec: () => Promise.resolve(),
  };
  return { db, statements };
}

const chunk = (n: number) => JSON.stringify([{ n }]);

describe('chunk writer (group commit)', () => {
  it('sends writes that arrive during a statement together as the next statement', async () => {
    const { db, statements } = gatedDb();
    const writer = createChunkWriter(db);
    const first = writer.write(chunk(1));
    const later = [writer.write(chunk(2)), writer.write(chunk(3)), writer.write(chunk(4))];
    expect(statements.map((s) => s.json)).toEqual([[{ n: 1 }]]);
    statements[0]?.finish();
    await first;
    await expect.poll(() => statements.length).toBe(2);
    expect(statements[1]?.json).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
    statements[1]?.finish();
    await Promise.all(later);
  });

  it('fails every write of a failed statement, and goes on with the next ones', async () => {
    const { db, statements } = gatedDb();
    const writer = createChunkWriter(db);
    const first = writer.write(chunk(1));
    const grouped = [writer.write(chunk(2)), writer.write(chunk(3))];
    statements[0]?.finish();
    await first;
    await expect.poll(() => statements.length).toBe(2);
    statements[1]?.finish(new Error('database down'));
    for (const write of grouped) await expect(write).rejects.toThrow('database down');
    const after = writer.write(chunk(4));
    await expect.poll(() => statements.length).toBe(3);
    statements[2]?.finish();
    await after;
  });

  it('writes nothing for an empty batch', async () => {
    const { db, statements } = gatedDb();
    await createChunkWriter(db).write('[]');
    expect(statements).toEqual([]);
  });
});
