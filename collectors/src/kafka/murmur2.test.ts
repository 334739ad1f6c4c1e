import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyPartition, murmur2 } from './murmur2';

describe('murmur2', () => {
  it("matches the Java client's test vectors", () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key))).toBe(hash);
  });

  it("gives every key the partition kafkajs' default partitioner gives it", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 37 }, (_, i) => ({
      partitionErrorCode: 0,
      partitionId: i,
      leader: 1,
      replicas: [1],
      isr: [1],
    }));
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(i % 70);
      const expected = partitioner({
        topic: 't',
        partitionMetadata,
        message: { key, value: null },
      });
      expect(keyPartition(key, 37)).toBe(expected);
    }
  });
});
