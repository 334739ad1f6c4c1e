import { describe, expect, it } from 'vitest';
import { bigTimeline, ids, shopTimeline, span, spanId } from './fixtures';
import { layoutTimeline, type Row, type SpanRow } from './layout';
import { ticksFor } from './ticks';

const describeRow = (row: Row) => (row.type === 'lane' ? `lane ${row.service}` : row.span.name);

function spanRow(rows: Row[], id: string): SpanRow {
  const row = rows.find((r) => r.type === 'span' && r.span.spanId === id);
  if (!row || row.type !== 'span') throw new Error(`no row for ${id}`);
  return row;
}

describe('layoutTimeline', () => {
  it('groups spans into service lanes in order of first activity', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(layout.rows.map(describeRow)).toEqual([
      'lane orders',
      'send orders',
      'lane payments',
      'process orders',
      'send payments-dlt',
      'lane shipping',
      'process payments',
    ]);
    expect(layout.services).toEqual(['orders', 'payments', 'shipping']);
    expect(layout.spanRows).toEqual([1, 3, 4, 6]);
    expect(layout.rowOfSpan.get(ids.dlq)).toBe(4);
    const payments = layout.rows[2];
    expect(payments).toMatchObject({ type: 'lane', spanCount: 2, errorCount: 1, selfTimeMs: 35 });
    expect(layout.errorCount).toBe(1);
  });

  it('orders rows in a lane by start, then depth, then span id', () => {
    const timeline = {
      ...shopTimeline(),
      spans: [
        span({ spanId: spanId(9), name: 'late', offsetMs: 20 }),
        span({ spanId: spanId(8), name: 'child', offsetMs: 5, depth: 1 }),
        span({ spanId: spanId(7), name: 'root', offsetMs: 5, depth: 0 }),
        span({ spanId: spanId(6), name: 'twin', offsetMs: 5, depth: 1 }),
      ],
    };
    const names = layoutTimeline(timeline).rows.map(describeRow);
    expect(names).toEqual(['lane orders', 'root', 'twin', 'child', 'late']);
  });

  it('positions bars in percent of the whole trace', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(layout.totalMs).toBe(200);
    expect(spanRow(layout.rows, ids.process)).toMatchObject({ leftPct: 25, widthPct: 20 });
    expect(spanRow(layout.rows, ids.replay)).toMatchObject({ leftPct: 75, widthPct: 25 });
  });

  it('stretches the axis when a span ends after the reported duration', () => {
    const timeline = { ...shopTimeline(), durationMs: 100 };
    const layout = layoutTimeline(timeline);
    expect(layout.totalMs).toBe(200);
    expect(spanRow(layout.rows, ids.replay).widthPct).toBe(25);
  });

  it('draws a queue wait from the producer end to the consumer start', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(spanRow(layout.rows, ids.process).wait).toEqual({
      fromSpanId: ids.send,
      leftPct: 5,
      widthPct: 20,
      waitMs: 40,
      topic: 'orders',
    });
    expect(spanRow(layout.rows, ids.send).wait).toBeNull();
  });

  it('draws the wait of a queued hop (from the broker) over the hop itself', () => {
    const produced = span({
      spanId: spanId(20),
      service: 'kafka',
      kind: 'producer',
      durationMs: 0,
    });
    const queued = span({
      spanId: spanId(21),
      service: 'kafka',
      kind: 'consumer',
      source: 'broker',
      parentSpanId: produced.spanId,
      durationMs: 50,
      attributes: { 'eventscope.hop': 'queued' },
    });
    const timeline = {
      ...shopTimeline(),
      durationMs: 100,
      spans: [produced, queued],
      queueWaits: [{ from: produced.spanId, to: queued.spanId, waitMs: 50, topic: 'orders' }],
      segments: [],
    };
    expect(spanRow(layoutTimeline(timeline).rows, queued.spanId).wait).toMatchObject({
      leftPct: 0,
      widthPct: 50,
      waitMs: 50,
    });
  });

  it('marks DLQ and replay segments on their spans and as bands', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(spanRow(layout.rows, ids.dlq).segment).toEqual({ kind: 'dlq', label: 'payments-dlt' });
    expect(spanRow(layout.rows, ids.replay).segment).toEqual({ kind: 'replay', label: 'replay-7' });
    expect(spanRow(layout.rows, ids.send).segment).toBeNull();
    expect(layout.bands).toEqual([
      { kind: 'dlq', label: 'payments-dlt', leftPct: 40, widthPct: 2.5 },
      { kind: 'replay', label: 'replay-7', leftPct: 75, widthPct: 25 },
    ]);
  });

  it('flags the critical path and errors', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(spanRow(layout.rows, ids.process)).toMatchObject({ critical: true, error: true });
    expect(spanRow(layout.rows, ids.replay)).toMatchObject({ critical: false, error: false });
  });

  it('resolves links both ways and draws a connector between the rows', () => {
    const layout = layoutTimeline(shopTimeline());
    expect(spanRow(layout.rows, ids.replay).linksTo).toEqual([
      {
        traceId: shopTimeline().traceIds[0],
        spanId: ids.dlq,
        row: 4,
        label: 'payments · send payments-dlt',
      },
    ]);
    expect(spanRow(layout.rows, ids.dlq).linkedFrom.map((l) => l.row)).toEqual([6]);
    expect(layout.connectors).toEqual([
      { key: `${ids.dlq}>${ids.replay}`, fromRow: 4, toRow: 6, xPct: 75 },
    ]);
  });

  it('keeps a link to a span outside the timeline, without a row', () => {
    const timeline = shopTimeline();
    const missing = 'f'.repeat(16);
    const [first, ...rest] = timeline.spans;
    if (!first) throw new Error('the fixture has spans');
    const link = { traceId: 'c'.repeat(32), spanId: missing, attributes: {} };
    timeline.spans = [{ ...first, links: [link] }, ...rest];
    const layout = layoutTimeline(timeline);
    expect(spanRow(layout.rows, ids.send).linksTo).toEqual([
      { traceId: 'c'.repeat(32), spanId: missing, row: null, label: missing },
    ]);
    expect(layout.connectors).toHaveLength(1);
  });

  it('builds the minimap as two paths, errors apart', () => {
    const { minimap } = layoutTimeline(shopTimeline());
    expect(minimap.error).toBe('M250.0 3.5h200.0');
    expect(minimap.normal.match(/M/g)).toHaveLength(3);
  });

  it('lays out 10 000 spans, one row each plus the lane headers', () => {
    const layout = layoutTimeline(bigTimeline(10_000));
    expect(layout.rows).toHaveLength(10_010);
  });
});

describe('ticksFor', () => {
  it('picks round steps', () => {
    expect(ticksFor(200).map((t) => t.label)).toEqual(['0', '50 ms', '100 ms', '150 ms', '200 ms']);
    expect(ticksFor(3000).map((t) => t.label)).toEqual([
      '0',
      '500 ms',
      '1 s',
      '1.5 s',
      '2 s',
      '2.5 s',
      '3 s',
    ]);
    expect(ticksFor(3).map((t) => t.label)).toEqual([
      '0',
      '0.5 ms',
      '1.0 ms',
      '1.5 ms',
      '2.0 ms',
      '2.5 ms',
      '3.0 ms',
    ]);
  });

  it('places ticks in percent', () => {
    expect(ticksFor(200).map((t) => t.pct)).toEqual([0, 25, 50, 75, 100]);
  });
});
