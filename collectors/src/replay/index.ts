export { createDlqKafka, type DlqKafka, type DlqKafkaOptions } from './dlq-kafka';
export { ReplayControl, type ControlState } from './control';
export { runReplay } from './engine';
export {
  laneCount,
  replayGroupId,
  replayTransactionalId,
  type ReplayBatch,
  type ReplayedRecord,
  type ReplayOutcome,
  type ReplayResult,
  type ReplayRunOptions,
} from './engine-types';
export { isTransientKafkaError, ReplayProduceError } from './errors';
export { TargetMissingError } from './targets';
export { scanSelection, type ScanOptions, type ScanResult } from './scan';
export { type BrowsePage, type BrowseQuery } from './browse';
export { CursorError, type BrowseOrder } from './cursor';
export {
  nothingHandled,
  type DecidedRecord,
  type HandledLookup,
  type MatchedDecision,
} from './decide-batch';
export { renderDlqMessage, noMask, DISPLAY_LIMIT_BYTES, type RenderMask } from './render';
export { rangeSize, selectionMatcher, errorClassOf, replayCountOf } from './selection';
export {
  emptyCounters,
  recordKey,
  type Decision,
  type DlqRecord,
  type PartitionOffsets,
  type PartitionRange,
  type ReplayCounters,
  type ReplayTrace,
  type SkipCounts,
  type SkipReason,
} from './types';
