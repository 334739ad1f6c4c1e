import type { Timeline, TimelineSegment, TimelineSpan } from '@eventscope/shared';
import { ticksFor, type Tick } from './ticks';

/**
 * The timeline laid out once, as plain data: lanes, rows and every position in percent of the
 * trace's duration. The Gantt only reads from it, so scrolling 10 k rows does no work here.
 */

export interface LinkRef {
  traceId: string;
  spanId: string;
  /** Row of the linked span, or null when it is not in this timeline. */
  row: number | null;
  /** "service · name", or the bare span id when the span is not here. */
  label: string;
}

export interface WaitBar {
  fromSpanId: string;
  leftPct: number;
  widthPct: number;
  waitMs: number;
  topic: string | null;
}

export interface LaneRow {
  type: 'lane';
  key: string;
  service: string;
  spanCount: number;
  errorCount: number;
  selfTimeMs: number | null;
}

export interface SpanRow {
  type: 'span';
  key: string;
  span: TimelineSpan;
  leftPct: number;
  widthPct: number;
  error: boolean;
  critical: boolean;
  segment: { kind: TimelineSegment['kind']; label: string | null } | null;
  /** The queue wait that ends where this (consumer) span starts. */
  wait: WaitBar | null;
  /** Spans this span's links point at (eachBatch consumers link to several producers). */
  linksTo: LinkRef[];
  /** Spans whose links point at this one. */
  linkedFrom: LinkRef[];
}

export type Row = LaneRow | SpanRow;

export interface SegmentBand {
  kind: TimelineSegment['kind'];
  label: string | null;
  leftPct: number;
  widthPct: number;
}

/** A link drawn as a vertical connector between two rows, at the linking span's start. */
export interface Connector {
  key: string;
  fromRow: number;
  toRow: number;
  xPct: number;
}

export interface TimelineLayout {
  totalMs: number;
  rows: Row[];
  /** Row index of every span, by span id. */
  rowOfSpan: Map<string, number>;
  /** Row indexes of span rows in display order (lane headers skipped): the keyboard's path. */
  spanRows: number[];
  services: string[];
  errorCount: number;
  ticks: Tick[];
  bands: SegmentBand[];
  connectors: Connector[];
  /** SVG path data for the minimap (viewBox 0 0 1000 rows.length), normal and error spans. */
  minimap: { normal: string; error: string };
}

const pct = (ms: number, total: number) => Math.min(100, Math.max(0, (ms / total) * 100));
const endOf = (s: TimelineSpan) => s.offsetMs + s.durationMs;
const isError = (s: TimelineSpan) => s.status.code === 'error';
const spanLabel = (s: TimelineSpan) => `${s.service} · ${s.name}`;

/** Lanes in order of first activity; rows in a lane by start, then depth, then id (stable). */
function groupByLane(spans: readonly TimelineSpan[]): Map<string, TimelineSpan[]> {
  const sorted = [...spans].sort(
    (a, b) =>
      a.offsetMs - b.offsetMs ||
      a.depth - b.depth ||
      (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0),
  );
  const lanes = new Map<string, TimelineSpan[]>();
  for (const span of sorted) {
    const lane = lanes.get(span.service);
    if (lane) lane.push(span);
    else lanes.set(span.service, [span]);
  }
  return lanes;
}

function segmentBands(timeline: Timeline, byId: Map<string, TimelineSpan>, total: number) {
  const startMs = timeline.startedAt ? Date.parse(timeline.startedAt) : 0;
  return timeline.segments.map((segment): SegmentBand => {
    const spans = segment.spanIds.flatMap((id) => byId.get(id) ?? []);
    // Span offsets are after skew correction; the segment's wall-clock times are the fallback.
    const from = spans.length
      ? Math.min(...spans.map((s) => s.offsetMs))
      : Date.parse(segment.startedAt) - startMs;
    const to = spans.length ? Math.max(...spans.map(endOf)) : Date.parse(segment.endedAt) - startMs;
    const leftPct = pct(from, total);
    return {
      kind: segment.kind,
      label: segment.label,
      leftPct,
      widthPct: Math.max(0, pct(to, total) - leftPct),
    };
  });
}

export function layoutTimeline(timeline: Timeline): TimelineLayout {
  const { spans } = timeline;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const lastEnd = spans.reduce((max, s) => Math.max(max, endOf(s)), 0);
  const totalMs = Math.max(timeline.durationMs, lastEnd) || 1;
  const critical = new Set(timeline.criticalPath);
  const segmentOf = new Map<string, SpanRow['segment']>();
  for (const seg of timeline.segments)
    for (const id of seg.spanIds)
      if (!segmentOf.has(id)) segmentOf.set(id, { kind: seg.kind, label: seg.label });

  const rows: Row[] = [];
  const rowOfSpan = new Map<string, number>();
  const spanRows: number[] = [];
  const lanes = groupByLane(spans);
  for (const [service, laneSpans] of lanes) {
    rows.push({
      type: 'lane',
      key: `lane:${service}`,
      service,
      spanCount: laneSpans.length,
      errorCount: laneSpans.filter(isError).length,
      selfTimeMs: timeline.selfTimeByService[service] ?? null,
    });
    for (const span of laneSpans) {
      rowOfSpan.set(span.spanId, rows.length);
      spanRows.push(rows.length);
      const leftPct = pct(span.offsetMs, totalMs);
      rows.push({
        type: 'span',
        key: span.spanId,
        span,
        leftPct,
        widthPct: Math.max(0, pct(endOf(span), totalMs) - leftPct),
        error: isError(span),
        critical: critical.has(span.spanId),
        segment: segmentOf.get(span.spanId) ?? null,
        wait: null,
        linksTo: [],
        linkedFrom: [],
      });
    }
  }

  const spanRowOf = (id: string) => {
    const row = rowOfSpan.get(id);
    return row === undefined ? undefined : (rows[row] as SpanRow);
  };

  for (const wait of timeline.queueWaits) {
    const producer = byId.get(wait.from);
    const consumer = spanRowOf(wait.to);
    if (!producer || !consumer) continue;
    // Drawn from the producer's end to the consumer's start, on the consumer's row. A queued hop
    // from the broker starts with its record and is the wait itself: drawn over its own length.
    const from = Math.min(endOf(producer), consumer.span.offsetMs);
    const to = Math.max(consumer.span.offsetMs, from + wait.waitMs);
    const leftPct = pct(from, totalMs);
    consumer.wait = {
      fromSpanId: wait.from,
      leftPct,
      widthPct: Math.max(0, pct(to, totalMs) - leftPct),
      waitMs: wait.waitMs,
      topic: wait.topic,
    };
  }

  const connectors: Connector[] = [];
  for (const span of spans) {
    const source = spanRowOf(span.spanId);
    const sourceRow = rowOfSpan.get(span.spanId);
    if (!source || sourceRow === undefined) continue;
    for (const link of span.links) {
      const target = byId.get(link.spanId);
      const targetRow = rowOfSpan.get(link.spanId) ?? null;
      source.linksTo.push({
        traceId: link.traceId,
        spanId: link.spanId,
        row: targetRow,
        label: target ? spanLabel(target) : link.spanId,
      });
      if (targetRow === null) continue;
      spanRowOf(link.spanId)?.linkedFrom.push({
        traceId: span.traceId,
        spanId: span.spanId,
        row: sourceRow,
        label: spanLabel(span),
      });
      connectors.push({
        key: `${link.spanId}>${span.spanId}`,
        fromRow: Math.min(targetRow, sourceRow),
        toRow: Math.max(targetRow, sourceRow),
        xPct: source.leftPct,
      });
    }
  }

  return {
    totalMs,
    rows,
    rowOfSpan,
    spanRows,
    services: [...lanes.keys()],
    errorCount: spans.filter(isError).length,
    ticks: ticksFor(totalMs),
    bands: segmentBands(timeline, byId, totalMs),
    connectors,
    minimap: minimapPaths(rows),
  };
}

/** One path per kind of mark: a few DOM nodes for any number of spans. */
function minimapPaths(rows: readonly Row[]) {
  let normal = '';
  let error = '';
  rows.forEach((row, i) => {
    if (row.type !== 'span') return;
    const x = (row.leftPct * 10).toFixed(1);
    const w = Math.max(row.widthPct * 10, 2).toFixed(1);
    const d = `M${x} ${i + 0.5}h${w}`;
    if (row.error) error += d;
    else normal += d;
  });
  return { normal, error };
}
