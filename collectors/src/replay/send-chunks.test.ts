import { describe, expect, it } from 'vitest';
import { sendChunks, type Outgoing } from './send-chunks';

const record = (topic: string, partition: number, i: number, bytes: number): Outgoing => ({
  topic,
  partition,
  bytes,
  record: { key: Buffer.from(`k${i}`), value: null, headers: {} },
});

const keys = (chunk: ReturnType<typeof sendChunks>[number]) =>
  chunk.map((p) => [p.topic, p.partition, p.records.map((r) => r.key?.toString())]);

describe('sendChunks', () => {
  it('groups records by topic and partition, keeping their order, in one request when small', () => {
    const chunks = sendChunks([
      record('a', 0, 0, 100),
      record('b', 1, 1, 100),
      record('a', 0, 2, 100),
      record('a', 1, 3, 100),
    ]);
    expect(chunks.map(keys)).toEqual([
      [
        ['a', 0, ['k0', 'k2']],
        ['b', 1, ['k1']],
        ['a', 1, ['k3']],
      ],
    ]);
  });

  it('starts a new request before a partition would pass 900 KiB', () => {
    const big = 400 * 1024;
    const chunks = sendChunks([
      record('a', 0, 0, big),
      record('a', 1, 1, big),
      record('a', 0, 2, big),
      record('a', 0, 3, big),
    ]);
    expect(chunks.map(keys)).toEqual([
      [
        ['a', 0, ['k0', 'k2']],
        ['a', 1, ['k1']],
      ],
      [['a', 0, ['k3']]],
    ]);
    expect(sendChunks([])).toEqual([]);
  });
});
