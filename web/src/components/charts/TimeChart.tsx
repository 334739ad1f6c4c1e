import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPointTime, formatTick, type TimeRow } from './timeRows';

export interface Series<K extends string> {
  key: K;
  name: string;
  /** A CSS colour; theme tokens (var(--series-1)) keep light and dark readable. */
  color: string;
  dashed?: boolean;
}

export interface Threshold {
  value: number;
  label: string;
}

interface TimeChartProps<K extends string> {
  title: string;
  data: readonly TimeRow<K>[];
  series: readonly Series<K>[];
  /** The x domain (epoch ms): the page's time range, so charts on a page line up. */
  from: number;
  to: number;
  /** Charts with the same syncId share the hover crosshair. */
  syncId?: string;
  formatY: (value: number) => string;
  /** The exact value shown in the tooltip. */
  formatExact: (value: number) => string;
  threshold?: Threshold;
  height?: number;
}

/** The next "round" number at or above n (1, 2, 2.5, 5 × 10^k), so axis ticks read cleanly. */
export function niceCeil(n: number): number {
  if (!(n > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= n) ?? 10;
  return step * magnitude;
}

/** Which line is which: the colour and the dash, then the name (colour is not the only cue). */
function Legend<K extends string>({ series }: { series: readonly Series<K>[] }) {
  return (
    <span className="legend">
      {series.map((s) => (
        <span key={s.key} className="legend-item">
          <svg width="18" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="18"
              y2="4"
              stroke={s.color}
              strokeWidth="2"
              strokeDasharray={s.dashed ? '4 3' : undefined}
            />
          </svg>
          {s.name}
        </span>
      ))}
    </span>
  );
}

/**
 * A time-series line chart. Nulls in `data` are gaps (connectNulls={false}): unknown is never
 * drawn as zero. A threshold is a dashed line and the y axis always reaches it, so "how far from
 * alerting" is visible even when all is well.
 */
export function TimeChart<K extends string>(props: TimeChartProps<K>) {
  const { data, series, from, to, threshold, formatY, formatExact, height = 180 } = props;
  const span = to - from;
  const yMax = (dataMax: number) =>
    niceCeil(
      Math.max(Number.isFinite(dataMax) ? dataMax : 0, threshold ? threshold.value * 1.15 : 0),
    );
  return (
    <figure className="chart" aria-label={props.title}>
      <figcaption className="chart-title">
        {props.title}
        {series.length > 1 ? <Legend series={series} /> : null}
      </figcaption>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <LineChart data={[...data]} syncId={props.syncId} margin={{ top: 6, right: 12, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[from, to]}
            allowDataOverflow
            tickFormatter={(t: number) => formatTick(t, span)}
            stroke="var(--text-muted)"
            fontSize={11}
            minTickGap={48}
          />
          <YAxis
            domain={[0, yMax]}
            tickFormatter={(v: number) => formatY(v)}
            stroke="var(--text-muted)"
            fontSize={11}
            width={72}
            tickCount={5}
          />
          <Tooltip
            isAnimationActive={false}
            separator=": "
            labelFormatter={(_label, payload) => formatPointTime(payload[0]?.payload?.t)}
            formatter={(value) => (typeof value === 'number' ? formatExact(value) : 'unknown')}
            contentStyle={{
              background: 'var(--bg)',
              borderWidth: 1,
              borderStyle: 'solid',
              borderColor: 'var(--border)',
              fontSize: 12,
            }}
            labelStyle={{ color: 'var(--text-muted)' }}
          />
          {threshold ? (
            <ReferenceLine
              y={threshold.value}
              stroke="var(--crit-edge)"
              strokeDasharray="6 4"
              label={{
                value: threshold.label,
                // Above the line, so it never sits on the x axis ticks when the line is low.
                position: 'insideBottomRight',
                fill: 'var(--crit-fg)',
                fontSize: 11,
              }}
            />
          ) : null}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type="linear"
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
