import type {
  ClusterSummary,
  DlqStats,
  GroupHistory,
  GroupLag,
  GroupSummary,
  TopicSummary,
} from '@eventscope/shared';

/** Payloads shaped like the api's, for page tests. Override what the test is about. */
export function groupSummary(overrides: Partial<GroupSummary> = {}): GroupSummary {
  return {
    cluster: 'local',
    group: 'billing',
    state: 'Stable',
    status: 'OK',
    statusReason: 'keeping up',
    members: 2,
    topics: ['orders'],
    lagMessages: 12,
    lagSeconds: 3,
    lagSecondsIsLowerBound: false,
    ...overrides,
  };
}

export function groupLag(overrides: Partial<GroupLag> = {}): GroupLag {
  return {
    cluster: 'local',
    group: 'billing',
    state: 'Stable',
    protocolType: 'consumer',
    members: [
      {
        memberId: 'billing-1-3f1c',
        clientId: 'billing-1',
        host: '/10.0.0.7',
        assignments: [{ topic: 'orders', partitions: [0, 1] }],
      },
    ],
    topics: ['orders'],
    lagMessages: 1204,
    lagSeconds: 252,
    lagSecondsIsLowerBound: false,
    partitions: [
      {
        topic: 'orders',
        partition: 1,
        startOffset: '0',
        endOffset: '9007199254740993',
        committedOffset: '9007199254739790',
        lagMessages: 1203,
        lagSeconds: 252,
        lagSecondsIsLowerBound: false,
        memberId: 'billing-1-3f1c',
        clientId: 'billing-1',
        host: '/10.0.0.7',
      },
      {
        topic: 'orders',
        partition: 0,
        startOffset: '0',
        endOffset: '500',
        committedOffset: null,
        lagMessages: null,
        lagSeconds: null,
        lagSecondsIsLowerBound: false,
        memberId: null,
        clientId: null,
        host: null,
      },
    ],
    status: { code: 'STALL', reason: 'offsets have not moved for 4 m while lag grew by 1.2 k' },
    ...overrides,
  };
}

export function groupHistory(values: (number | null)[], stepSeconds = 60): GroupHistory {
  const to = Date.now();
  const from = to - values.length * stepSeconds * 1000;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    step: stepSeconds,
    source: 'raw',
    points: values.map((v, i) => ({
      at: new Date(from + i * stepSeconds * 1000).toISOString(),
      lagSeconds: v,
      lagMessages: v === null ? null : v * 10,
      status: v === null ? null : v > 60 ? 'STALL' : 'OK',
    })),
  };
}

export function topicSummary(overrides: Partial<TopicSummary> = {}): TopicSummary {
  return {
    cluster: 'local',
    topic: 'orders',
    partitions: 6,
    messagesPerSecond: 1250,
    bytesPerSecond: 2_500_000,
    size: { p50: 900, p95: 2048, p99: 1_572_864, max: 3_145_728, count: 5000 },
    isDlq: false,
    dlqs: ['orders.DLQ'],
    consumerGroups: ['billing', 'shipping'],
    ...overrides,
  };
}

export function dlqStats(overrides: Partial<DlqStats> = {}): DlqStats {
  return {
    cluster: 'local',
    topic: 'orders.DLQ',
    sourceTopics: ['orders'],
    discoveredBy: ['name'],
    depth: 0,
    oldestAgeSeconds: 0,
    inflowPerMinute: 0,
    errorClasses: [],
    ...overrides,
  };
}

export function clusterSummary(overrides: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    id: 'local',
    brokers: ['127.0.0.1:9092'],
    reachable: true,
    lastSampleAt: new Date(Date.now() - 3_000).toISOString(),
    groupsByStatus: { OK: 4, STALL: 1 },
    ...overrides,
  };
}
