import {
  ClusterSnapshotSchema,
  type ClusterSnapshot,
  type GroupLag,
  type GroupStatusCode,
} from '@eventscope/shared';

/** A schema-valid snapshot for tests of the api side (the collectors make real ones). */
export function makeGroup(
  group: string,
  lagMessages: number | null,
  lagSeconds: number | null,
  status: GroupStatusCode = 'OK',
  cluster = 'c1',
): GroupLag {
  return {
    cluster,
    group,
    state: status === 'EMPTY' ? 'Empty' : 'Stable',
    protocolType: 'consumer',
    members:
      status === 'EMPTY'
        ? []
        : [
            {
              memberId: 'm1',
              clientId: 'app',
              host: '/10.0.0.1',
              assignments: [{ topic: 'orders', partitions: [0] }],
            },
          ],
    topics: ['orders'],
    lagMessages,
    lagSeconds,
    lagSecondsIsLowerBound: false,
    partitions: [
      {
        topic: 'orders',
        partition: 0,
        startOffset: '0',
        endOffset: '1000',
        committedOffset: lagMessages === null ? null : String(1000 - lagMessages),
        lagMessages,
        lagSeconds,
        lagSecondsIsLowerBound: false,
        memberId: 'm1',
        clientId: 'app',
        host: '/10.0.0.1',
      },
    ],
    status: { code: status, reason: `${status} for the test` },
  };
}

export function makeSnapshot(at: string, groups: GroupLag[], cluster = 'c1'): ClusterSnapshot {
  return ClusterSnapshotSchema.parse({
    cluster,
    at,
    reachable: true,
    brokers: ['127.0.0.1:9092'],
    groups,
    topics: [
      {
        topic: 'orders',
        partitions: 1,
        endOffsetSum: '100',
        startOffsetSum: '0',
        messagesPerSecond: 4,
        bytesPerSecond: 800,
        size: { p50: 180, p95: 250, p99: 400, max: 1024, count: 50 },
        isDlq: false,
      },
      {
        topic: 'orders.DLQ',
        partitions: 1,
        endOffsetSum: '3',
        startOffsetSum: '0',
        size: null,
        isDlq: true,
      },
    ],
    dlqs: [
      {
        cluster,
        topic: 'orders.DLQ',
        sourceTopics: ['orders'],
        discoveredBy: ['name'],
        depth: 3,
        oldestAgeSeconds: 120,
        inflowPerMinute: 0.5,
        errorClasses: [],
      },
    ],
    requests: 7,
    durationMs: 42,
  });
}
