import { MultipleErrors, NetworkError, ResponseError } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { isFenced, isTransientKafkaError, ReplayProduceError } from '../../replay/errors';
import { KafkaRequestError, toRequestError } from './request-error';

describe('toRequestError', () => {
  it("names a response's error code as Kafka does, skipping OPERATION_NOT_ATTEMPTED", () => {
    const response = new ResponseError(
      24,
      3,
      {
        '/results/0': [55, null], // OPERATION_NOT_ATTEMPTED: another partition failed
        '/results/1': [51, 'still completing'], // CONCURRENT_TRANSACTIONS
      },
      {},
    );
    const e = toRequestError('AddPartitionsToTxn', response);
    expect(e).toMatchObject({ type: 'CONCURRENT_TRANSACTIONS', retriable: true });
    expect(e.message).toBe('AddPartitionsToTxn failed: CONCURRENT_TRANSACTIONS: still completing');
    expect(e.cause).toBe(response);
  });

  it('reads per-item codes; fenced producers and stale leaders are told apart', () => {
    const fenced = toRequestError('Produce to t/0', { errorCode: 47, errorMessage: null });
    expect(fenced).toMatchObject({ type: 'INVALID_PRODUCER_EPOCH', retriable: false });
    expect(isFenced(fenced)).toBe(true);
    expect(
      isFenced(new ReplayProduceError('x', 1, toRequestError('EndTxn', { errorCode: 90 }))),
    ).toBe(true);
    expect(toRequestError('Produce', { errorCode: 6, errorMessage: null })).toMatchObject({
      type: 'NOT_LEADER_OR_FOLLOWER',
      retriable: true,
      staleMetadata: true,
    });
    expect(toRequestError('Produce', { errorCode: 9999, errorMessage: null })).toMatchObject({
      type: 'ERROR_9999',
      retriable: false,
    });
  });

  it('network failures are retriable (so a replay starts again later); anything else is not', () => {
    const down = toRequestError(
      'Produce',
      new MultipleErrors('produce failed 3 times', [new NetworkError('Connection closed')]),
    );
    expect(down).toMatchObject({ type: 'NETWORK', retriable: true });
    expect(isTransientKafkaError(new ReplayProduceError('could not produce', 5, down))).toBe(true);
    const tooLarge = toRequestError('Produce', { errorCode: 10, errorMessage: null });
    expect(tooLarge.type).toBe('MESSAGE_TOO_LARGE');
    expect(isTransientKafkaError(new ReplayProduceError('could not produce', 5, tooLarge))).toBe(
      false,
    );
    expect(toRequestError('x', new Error('boom'))).toMatchObject({
      type: 'UNKNOWN',
      retriable: false,
    });
    const same = new KafkaRequestError('m', 'NETWORK', true, false);
    expect(toRequestError('x', same)).toBe(same);
  });
});
