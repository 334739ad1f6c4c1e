import type { SkewCorrection } from '@eventscope/shared';
import { causalOrder, predecessorsOf, type SpanNode } from './causal-graph';

const CONSUMING = new Set(['receive', 'process']);
const PRODUCING = new Set(['send', 'create']);

export const isConsumer = (node: SpanNode): boolean =>
  node.span.kind === 'consumer' ||
  (node.span.messaging.operation !== undefined && CONSUMING.has(node.span.messaging.operation));

export const isProducer = (node: SpanNode): boolean =>
  node.span.kind === 'producer' ||
  (node.span.messaging.operation !== undefined && PRODUCING.has(node.span.messaging.operation));

/** The producers a consumer span received from: its parent or the spans it links to. */
export const producersOf = (node: SpanNode): SpanNode[] => predecessorsOf(node).filter(isProducer);

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function shiftSubtree(root: SpanNode, deltaMs: number): number {
  let count = 0;
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    node.start += deltaMs;
    node.end += deltaMs;
    node.shiftedByMs += deltaMs;
    count += 1;
    for (const child of node.children) stack.push(child);
  }
  return count - 1;
}

/**
 * Clock-skew correction, and only this one: a consumer span that starts before a producer it
 * received from (parent or link) is moved, with its subtree, to start at that producer's
 * start. Each move is returned as a correction so the UI can show it; nothing else moves.
 */
export function correctSkew(nodes: readonly SpanNode[]): SkewCorrection[] {
  const corrections: SkewCorrection[] = [];
  for (const node of causalOrder(nodes)) {
    if (!isConsumer(node)) continue;
    let latest: SpanNode | undefined;
    for (const producer of producersOf(node))
      if (!latest || producer.start > latest.start) latest = producer;
    if (!latest || node.start >= latest.start) continue;
    const delta = latest.start - node.start;
    const descendants = shiftSubtree(node, delta);
    corrections.push({
      spanId: node.span.spanId,
      shiftedByMs: round(delta),
      reason:
        `consumer started ${round(delta)} ms before its producer ${latest.span.spanId} ` +
        `(${latest.span.service}): clock skew between hosts; moved to the producer's start` +
        (descendants > 0 ? ` with its ${descendants} descendant span(s)` : ''),
    });
  }
  return corrections;
}
