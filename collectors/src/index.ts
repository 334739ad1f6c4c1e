export { createKafka } from './kafka/client';
export {
  createClusterProbe,
  type ClusterProbe,
  type ClusterProbeOptions,
} from './health/cluster-probe';
export { silentLogger, type Logger } from './logger';
export { withTimeout, TimeoutError } from './timeout';
export { createSampler, type Sampler, type SamplerOptions } from './sampler';
export {
  createKafkaAdapter,
  isInternalTopic,
  type KafkaAdapter,
  type KafkaAdapterOptions,
  type RawClusterState,
  type GroupInfo,
  type TopicOffsets,
  type CollectError,
} from './kafka/adapter';
export {
  createRecordReader,
  readKey,
  TAP_GROUP_PREFIX,
  type ReadRequest,
  type RecordReader,
  type RecordReaderOptions,
} from './kafka/record-reader';
export { RecordTimestamps, type TimestampQuery } from './kafka/record-timestamps';
export {
  lagMessages,
  sumKnown,
  maxKnown,
  sumOffsets,
  type PartitionOffsets,
} from './lag/partition-lag';
export { lagSecondsFor, type LagSeconds, type LagSecondsInput } from './lag/lag-seconds';
export { OffsetHistory, type HistoryPoint, type TimeEstimate } from './lag/offset-history';
export {
  evaluatePartition,
  severity,
  type PartitionSample,
  type PartitionWindow,
  type PartitionStatus,
  type EvaluateOptions,
} from './status/partition-status';
export { evaluateGroup, type GroupStatusInput } from './status/group-status';
export { StatusWindows, type PartitionObservation } from './status/window-store';
export { formatCount, formatDuration } from './status/format';
export { discoverDlqsByName, sourceOfDlqName, type DlqNameRule, type NamedDlq } from './dlq/naming';
export { dlqDepth, inflowPerMinute, oldestAgeSeconds } from './dlq/depth';
export {
  groupErrorClasses,
  sourceTopicsFromHeaders,
  UNKNOWN_ERROR_CLASS,
  type DeadLetterRecord,
} from './dlq/error-classes';
export { createSizeTap, type SizeTap, type SizeTapOptions } from './tap/size-tap';
export { SizeWindows, type TopicSizeStats } from './tap/size-windows';
export { recordSizeBytes } from './tap/record-size';
export { createAgent, type Agent, type AgentOptions } from './agent/agent';
export { createHopSampler, type HopSampler, type HopSamplerOptions } from './hops/hop-sampler';
export { createHopTap, type HopTap, type HopTapOptions } from './hops/hop-tap';
export {
  HopTracker,
  type CommittedOffsets,
  type HopTrackerOptions,
  type HopTrackerStats,
  type SampleWindow,
} from './hops/tracker';
export { recordFacts, isTraceable, type RecordFacts, type TappedRecord } from './hops/record-facts';
export { correlationTraceId, hopSpanId, type RecordRef } from './hops/ids';
export * from './replay/index';
