import { describe, expect, it } from 'vitest';
import { laneCount } from './engine-types';
import { isTransientKafkaError, ReplayProduceError } from './errors';
import { TargetMissingError } from './targets';
import { TimeoutError } from '../timeout';

class FakeKafkaError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

describe('replay engine rules', () => {
  it('tells transient Kafka failures from permanent ones, through causes', () => {
    const down = new FakeKafkaError('Connection error', true);
    expect(isTransientKafkaError(down)).toBe(true);
    expect(isTransientKafkaError(new ReplayProduceError('could not produce', 5, down))).toBe(true);
    // kafkajs' "retries exceeded" is not retriable itself; its cause decides.
    expect(isTransientKafkaError(new FakeKafkaError('retries exceeded', false, down))).toBe(true);
    expect(isTransientKafkaError(new TimeoutError('admin connect', 1000))).toBe(true);
    const tooLarge = new FakeKafkaError('message too large', false);
    expect(isTransientKafkaError(new ReplayProduceError('could not produce', 5, tooLarge))).toBe(
      false,
    );
    expect(isTransientKafkaError(new TargetMissingError(['payments']))).toBe(false);
    expect(isTransientKafkaError('nope')).toBe(false);
  });

  it('uses one lane per partition, four at most', () => {
    expect(laneCount(0)).toBe(1);
    expect(laneCount(1)).toBe(1);
    expect(laneCount(3)).toBe(3);
    expect(laneCount(50)).toBe(4);
    expect(laneCount(50, 2)).toBe(2);
  });
});
