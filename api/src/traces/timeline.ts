import {
  hopAttributes,
  hopKindOf,
  isDlqTopic,
  replayMarkOf,
  type QueueWait,
  type Span,
  type Timeline,
  type TimelineSegment,
  type TimelineSpan,
} from '@eventscope/shared';
import { buildGraph, causalOrder, type SpanNode } from './causal-graph';
import { criticalPath } from './critical-path';
import { correctSkew, isConsumer, producersOf } from './skew';

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();

/**
 * Queue wait: from the end of the produce (the broker has the record) to the consume. A queued
 * hop from the broker is the wait itself: from the record's append until its group's committed
 * offset passed it.
 */
function queueWaits(nodes: readonly SpanNode[]): QueueWait[] {
  const waits: QueueWait[] = [];
  for (const consumer of nodes) {
    if (!isConsumer(consumer)) continue;
    const queuedHop = hopKindOf(consumer.span) === 'queued';
    for (const producer of producersOf(consumer))
      waits.push({
        from: producer.span.spanId,
        to: consumer.span.spanId,
        waitMs: round(
          queuedHop ? consumer.end - consumer.start : Math.max(0, consumer.start - producer.end),
        ),
        topic: consumer.span.messaging.destination ?? producer.span.messaging.destination ?? null,
      });
  }
  return waits;
}

function segment(kind: TimelineSegment['kind'], label: string | null, members: SpanNode[]) {
  let start = Infinity;
  let end = -Infinity;
  for (const node of members) {
    start = Math.min(start, node.start);
    end = Math.max(end, node.end);
  }
  return {
    kind,
    label,
    spanIds: members.map((n) => n.span.spanId),
    startedAt: iso(start),
    endedAt: iso(end),
  };
}

/** The replay engine's own span (a replayed hop) marks its replay as the record's headers do. */
function replayedHopMark(span: Span): { replayId: string | null } | undefined {
  if (hopKindOf(span) !== 'replayed') return undefined;
  const id = span.attributes[hopAttributes.replayId];
  return { replayId: typeof id === 'string' ? id : null };
}

/**
 * The DLQ detour (spans on a DLQ topic, by name or as a dead-lettered hop) and each replay
 * (marked spans and replayed hops, and their subtrees).
 */
function segments(ordered: readonly SpanNode[]): TimelineSegment[] {
  const dlq = new Map<string, SpanNode[]>();
  const replays = new Map<string | null, Set<SpanNode>>();
  for (const node of ordered) {
    const topic = node.span.messaging.destination;
    if (topic && (isDlqTopic(topic) || hopKindOf(node.span) === 'dead-lettered'))
      dlq.set(topic, [...(dlq.get(topic) ?? []), node]);
    const mark = replayMarkOf(node.span.attributes) ?? replayedHopMark(node.span);
    if (!mark) continue;
    const members = replays.get(mark.replayId) ?? new Set<SpanNode>();
    replays.set(mark.replayId, members);
    const stack = [node];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (members.has(n)) continue;
      members.add(n);
      stack.push(...n.children);
    }
  }
  const position = new Map(ordered.map((node, i) => [node, i]));
  return [
    ...[...dlq].map(([topic, members]) => segment('dlq', topic, members)),
    ...[...replays].map(([id, members]) =>
      segment(
        'replay',
        id,
        [...members].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)),
      ),
    ),
  ];
}

/** Time in a span not covered by its children (clipped to the span), summed per service. */
function selfTimeByService(nodes: readonly SpanNode[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const node of nodes) {
    const intervals = node.children
      .map((c) => [Math.max(c.start, node.start), Math.min(c.end, node.end)] as const)
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let reach = node.start;
    for (const [s, e] of intervals) {
      if (e <= reach) continue;
      covered += e - Math.max(s, reach);
      reach = e;
    }
    const self = Math.max(0, node.end - node.start - covered);
    totals[node.span.service] = (totals[node.span.service] ?? 0) + self;
  }
  for (const service in totals) totals[service] = round(totals[service] ?? 0);
  return totals;
}

/**
 * The timeline model of a set of spans (one or many traces): pure, so it is tested on
 * hand-made spans. Spans come back in causal order with skew-corrected times.
 */
export function buildTimeline(spans: readonly Span[], truncated = false): Timeline {
  const nodes = buildGraph(spans);
  const corrections = correctSkew(nodes);
  const ordered = causalOrder(nodes);
  let start = Infinity;
  let end = -Infinity;
  for (const node of ordered) {
    const above = [node.parent, ...node.linksTo].filter((n): n is SpanNode => n !== undefined);
    node.depth = above.length === 0 ? 0 : Math.max(...above.map((n) => n.depth)) + 1;
    start = Math.min(start, node.start);
    end = Math.max(end, node.end);
  }
  const timelineSpans: TimelineSpan[] = ordered.map((node) => ({
    ...node.span,
    startedAt: node.shiftedByMs > 0 ? iso(node.start) : node.span.startedAt,
    offsetMs: round(node.start - start),
    depth: node.depth,
    shiftedByMs: round(node.shiftedByMs),
  }));
  return {
    traceIds: [...new Set(ordered.map((n) => n.span.traceId))],
    correlationIds: [...new Set(ordered.flatMap((n) => n.span.correlationIds))],
    startedAt: ordered.length > 0 ? iso(start) : null,
    durationMs: ordered.length > 0 ? round(end - start) : 0,
    spans: timelineSpans,
    queueWaits: queueWaits(ordered),
    segments: segments(ordered),
    criticalPath: criticalPath(ordered).map((n) => n.span.spanId),
    selfTimeByService: selfTimeByService(ordered),
    corrections,
    truncated,
  };
}
