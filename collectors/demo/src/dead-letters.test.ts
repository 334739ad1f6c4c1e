import { describe, expect, it } from 'vitest';
import { connectDlqHeaders, springDltHeaders } from '@eventscope/shared';
import {
  connectDeadLetterHeaders,
  int32Header,
  int64Header,
  javaStackTrace,
  readInt32Header,
  readInt64Header,
  springDeadLetterHeaders,
  type JavaFailure,
} from './dead-letters';

const failure: JavaFailure = {
  className: 'com.shop.payments.CardDeclinedException',
  message: 'Card declined',
  causeClassName: 'com.shop.payments.gateway.GatewayException',
  causeMessage: 'code 51',
  frames: ['com.shop.payments.PaymentListener.onOrder(PaymentListener.java:42)'],
};

describe('dead-letter headers', () => {
  it('encodes Spring numbers as big-endian int32 and int64, the way Java writes them', () => {
    expect(int32Header(2)).toEqual(Buffer.from([0, 0, 0, 2]));
    expect(int64Header(258n)).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]));
    expect(readInt32Header(int32Header(-1))).toBe(-1);
    const big = 9_007_199_254_740_993n; // above Number.MAX_SAFE_INTEGER
    expect(readInt64Header(int64Header(big))).toBe(big);
    expect(() => readInt32Header(Buffer.alloc(8))).toThrow('expected 4 bytes');
  });

  it('writes every Spring header, the cause class only when there is one', () => {
    const headers = springDeadLetterHeaders({
      topic: 'orders',
      partition: 1,
      offset: '42',
      timestamp: '1700000000000',
      consumerGroup: 'payments',
      failure,
    });
    expect(Object.keys(headers).sort()).toEqual(Object.values(springDltHeaders).sort());
    expect(headers[springDltHeaders.originalOffset]).toEqual(int64Header(42n));
    expect(headers[springDltHeaders.originalTimestamp]).toEqual(int64Header(1_700_000_000_000n));
    expect(headers[springDltHeaders.originalTopic]?.toString()).toBe('orders');
    const { causeClassName: _cause, ...withoutCause } = failure;
    const plain = springDeadLetterHeaders({
      topic: 'orders',
      partition: 0,
      offset: '0',
      timestamp: '0',
      consumerGroup: 'payments',
      failure: withoutCause,
    });
    expect(plain).not.toHaveProperty(springDltHeaders.exceptionCauseClass);
  });

  it('writes Connect numbers as decimal strings', () => {
    const headers = connectDeadLetterHeaders({
      topic: 'shipments',
      partition: 2,
      offset: '12345678901234',
      connectorName: 'warehouse-jdbc-sink',
      taskId: 0,
      stage: 'TASK_PUT',
      executingClass: 'io.confluent.connect.jdbc.sink.JdbcSinkTask',
      failure,
    });
    expect(headers[connectDlqHeaders.partition]).toBe('2');
    expect(headers[connectDlqHeaders.offset]).toBe('12345678901234');
    expect(headers[connectDlqHeaders.exceptionClass]).toBe(failure.className);
  });

  it('formats a Java stack trace with frames and its cause', () => {
    const trace = javaStackTrace(failure, ['java.base/java.lang.Thread.run(Thread.java:1583)']);
    expect(trace.split('\n')).toEqual([
      'com.shop.payments.CardDeclinedException: Card declined',
      '\tat com.shop.payments.PaymentListener.onOrder(PaymentListener.java:42)',
      '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
      'Caused by: com.shop.payments.gateway.GatewayException: code 51',
      '\t... 1 more',
    ]);
  });
});
