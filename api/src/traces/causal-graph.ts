import type { Span } from '@eventscope/shared';

/**
 * Spans as a causal graph: parent → child, and producer → consumer through span links
 * (batch consumers link to their producers instead of having one parent). Times are ms since
 * the epoch with µs precision, mutable so clock-skew correction can shift them.
 */
export interface SpanNode {
  span: Span;
  start: number;
  end: number;
  shiftedByMs: number;
  depth: number;
  parent: SpanNode | undefined;
  children: SpanNode[];
  /** Spans this span links to (for a batch consumer: its producers). */
  linksTo: SpanNode[];
  /** Spans that link to this one. */
  linkedFrom: SpanNode[];
}

const keyOf = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

export function startMsOf(span: Span): number {
  // µs fit a double exactly; ns since the epoch do not.
  return Number(BigInt(span.startTimeUnixNano) / 1000n) / 1000;
}

export function buildGraph(spans: readonly Span[]): SpanNode[] {
  const byKey = new Map<string, SpanNode>();
  const nodes: SpanNode[] = [];
  for (const span of spans) {
    const key = keyOf(span.traceId, span.spanId);
    if (byKey.has(key)) continue;
    const start = startMsOf(span);
    const node: SpanNode = {
      span,
      start,
      end: start + span.durationMs,
      shiftedByMs: 0,
      depth: 0,
      parent: undefined,
      children: [],
      linksTo: [],
      linkedFrom: [],
    };
    byKey.set(key, node);
    nodes.push(node);
  }
  for (const node of nodes) {
    const { traceId, parentSpanId, links } = node.span;
    const parent = parentSpanId ? byKey.get(keyOf(traceId, parentSpanId)) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      parent.children.push(node);
    }
    for (const link of links) {
      const target = byKey.get(keyOf(link.traceId, link.spanId));
      if (!target || target === node || target === parent || node.linksTo.includes(target))
        continue;
      node.linksTo.push(target);
      target.linkedFrom.push(node);
    }
  }
  return nodes;
}

/** Spans that must come before this one: its parent and the spans it links to. */
export const predecessorsOf = (node: SpanNode): SpanNode[] =>
  node.parent ? [node.parent, ...node.linksTo] : node.linksTo;

export const successorsOf = (node: SpanNode): SpanNode[] =>
  node.linkedFrom.length === 0 ? node.children : [...node.children, ...node.linkedFrom];

/** A binary min-heap: enough for Kahn's algorithm with a priority. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const parent = items[up];
      if (parent === undefined || !this.less(item, parent)) break;
      items[i] = parent;
      i = up;
    }
    items[i] = item;
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      let bestItem = last;
      const left = items[l];
      if (left !== undefined && this.less(left, bestItem)) {
        best = l;
        bestItem = left;
      }
      const right = items[r];
      if (right !== undefined && this.less(right, bestItem)) {
        best = r;
        bestItem = right;
      }
      if (best === i) break;
      items[i] = bestItem;
      i = best;
    }
    items[i] = last;
    return top;
  }
}

const earlier = (a: SpanNode, b: SpanNode) =>
  a.start !== b.start ? a.start < b.start : a.end > b.end;

/**
 * Causal order: every span after its parent and the spans it links to; among the spans that
 * are free to go, the earliest first. Spans caught in a cycle (bad data) follow by start time.
 */
export function causalOrder(nodes: readonly SpanNode[]): SpanNode[] {
  const waiting = new Map<SpanNode, number>();
  const ready = new Heap<SpanNode>(earlier);
  for (const node of nodes) {
    const count = predecessorsOf(node).length;
    if (count === 0) ready.push(node);
    else waiting.set(node, count);
  }
  const order: SpanNode[] = [];
  const drain = () => {
    for (let node = ready.pop(); node; node = ready.pop()) {
      order.push(node);
      for (const next of successorsOf(node)) {
        const left = (waiting.get(next) ?? 0) - 1;
        if (left > 0) waiting.set(next, left);
        else if (waiting.delete(next)) ready.push(next);
      }
    }
  };
  drain();
  if (waiting.size > 0) {
    for (const node of [...waiting.keys()].sort((a, b) => a.start - b.start)) {
      if (!waiting.has(node)) continue;
      waiting.delete(node);
      ready.push(node);
      drain();
    }
  }
  return order;
}
