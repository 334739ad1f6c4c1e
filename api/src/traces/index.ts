export { createSpanIngest, type IngestResult, type SpanError, type SpanIngest } from './ingest';
export { writeSpans } from './span-writer';
export { ingestHopSpans } from './hop-spans';
export { searchTraces, getTimeline } from './query';
export { buildTimeline } from './timeline';
export { gatherSpans, DEFAULT_GATHER_BOUNDS, type GatherBounds } from './gather';
export { pruneSpans } from './prune';
