import type { DlqMessage, DlqMessagePage, Replay, ReplayDryRun } from '@eventscope/shared';

/** Payloads shaped like the api's DLQ answers, for tests. Override what the test is about. */

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

export function dlqMessage(overrides: Partial<DlqMessage> = {}): DlqMessage {
  return {
    partition: 0,
    offset: '41',
    timestamp: ago(120),
    key: 'order-1001',
    keyEncoding: 'text',
    headers: [
      { key: 'kafka_dlt-original-topic', value: 'payments', encoding: 'utf8' },
      { key: 'kafka_dlt-original-partition', value: '00000003', encoding: 'hex', decoded: '3' },
      {
        key: 'kafka_dlt-original-offset',
        value: '00000000000004b0',
        encoding: 'hex',
        decoded: '1200',
      },
      { key: 'correlation-id', value: 'corr-7', encoding: 'utf8' },
    ],
    value: '{\n  "orderId": 1001,\n  "amount": 12.5\n}',
    valueEncoding: 'json',
    valueTruncated: false,
    sizeBytes: 412,
    convention: 'spring',
    origin: { topic: 'payments', partition: 3, offset: '1200' },
    error: {
      class: 'com.acme.PaymentDeclined',
      message: 'card expired',
    },
    consumerGroup: 'payments-service',
    correlationId: 'corr-7',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    replayCount: 0,
    handled: null,
    ...overrides,
  };
}

export function messagePage(
  messages: DlqMessage[],
  nextCursor: string | null = null,
): DlqMessagePage {
  return {
    messages,
    nextCursor,
    partitions: [
      { partition: 0, start: '0', end: '1204' },
      { partition: 1, start: '10', end: '20' },
    ],
  };
}

export function replay(overrides: Partial<Replay> = {}): Replay {
  return {
    id: 'r-1',
    cluster: 'local',
    dlq: 'payments-dlt',
    status: 'running',
    selection: { all: true },
    target: null,
    ratePerSecond: 500,
    maxReplayCount: 3,
    selected: 1204,
    replayed: 600,
    skipped: 2,
    skippedBy: { loopGuard: 2, handled: 0, noTarget: 0 },
    failed: 0,
    counts: { payments: 600 },
    rate: 120,
    etaSeconds: 75,
    createdBy: 'user:alice',
    createdAt: ago(30),
    startedAt: ago(29),
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

export function dryRun(overrides: Partial<ReplayDryRun> = {}): ReplayDryRun {
  return {
    dryRun: true,
    selected: 1210,
    counts: { payments: 1204 },
    skipped: { loopGuard: 4, handled: 2, noTarget: 0 },
    samples: [],
    ...overrides,
  };
}
