import { successorsOf, type SpanNode } from './causal-graph';

/** Tolerance for "ended before it started" (timestamps are µs at best). */
const EPSILON_MS = 0.001;

/** The sibling under the same parent that ended last before `node` started, if any. */
function lastSiblingBefore(
  node: SpanNode,
  endSorted: Map<SpanNode, SpanNode[]>,
): SpanNode | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  let siblings = endSorted.get(parent);
  if (!siblings) {
    siblings = [...parent.children].sort((a, b) => a.end - b.end);
    endSorted.set(parent, siblings);
  }
  let lo = 0;
  let hi = siblings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const sibling = siblings[mid];
    if (sibling && sibling.end <= node.start + EPSILON_MS) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (sibling && sibling !== node) return sibling;
  }
  return undefined;
}

/** What held `node` back: the last blocker that ended before it started, else its parent. */
function blockerOf(node: SpanNode, endSorted: Map<SpanNode, SpanNode[]>): SpanNode | undefined {
  let best = lastSiblingBefore(node, endSorted);
  for (const linked of node.linksTo)
    if (linked.end <= node.start + EPSILON_MS && (!best || linked.end > best.end)) best = linked;
  if (best) return best;
  if (node.parent) return node.parent;
  let latest: SpanNode | undefined;
  for (const linked of node.linksTo) if (!latest || linked.end > latest.end) latest = linked;
  return latest;
}

/**
 * The chain of spans that decided when the whole timeline ended: from the span that ends last,
 * back through whatever it waited for (an earlier sibling, the producer it consumed from, its
 * parent) to a root, then down through the child that ended last.
 */
export function criticalPath(nodes: readonly SpanNode[]): SpanNode[] {
  let last: SpanNode | undefined;
  for (const node of nodes)
    if (!last || node.end > last.end || (node.end === last.end && node.start > last.start))
      last = node;
  if (!last) return [];
  const seen = new Set<SpanNode>([last]);
  const endSorted = new Map<SpanNode, SpanNode[]>();
  const before: SpanNode[] = [];
  for (let node = blockerOf(last, endSorted); node && !seen.has(node);) {
    seen.add(node);
    before.push(node);
    node = blockerOf(node, endSorted);
  }
  const after: SpanNode[] = [];
  for (let node: SpanNode | undefined = last; node;) {
    let next: SpanNode | undefined;
    for (const successor of successorsOf(node))
      if (!seen.has(successor) && (!next || successor.end > next.end)) next = successor;
    if (next) {
      seen.add(next);
      after.push(next);
    }
    node = next;
  }
  return [...before.reverse(), last, ...after];
}
