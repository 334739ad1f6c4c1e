import type { AlertMetric, MatcherLabel } from '@eventscope/shared';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatDurationMs,
  formatExact,
} from '../../lib/format';

/** The unit a metric's values and thresholds are in, as the api sends and stores them. */
export type MetricUnit = 'seconds' | 'messages' | 'perMinute' | 'bytes' | 'ms' | 'status' | 'count';

export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  /** The matcher labels its series carry, in the order the form shows them. */
  labels: readonly MatcherLabel[];
  /** Rate-like metrics are computed over a window (windowSeconds, default 300). */
  windowed: boolean;
}

export const METRICS: Record<AlertMetric, MetricInfo> = {
  lagSeconds: {
    label: 'Consumer lag (time)',
    unit: 'seconds',
    labels: ['cluster', 'group', 'topic'],
    windowed: false,
  },
  lagMessages: {
    label: 'Consumer lag (messages)',
    unit: 'messages',
    labels: ['cluster', 'group', 'topic'],
    windowed: false,
  },
  lagGrowth: {
    label: 'Lag growth over the window',
    unit: 'messages',
    labels: ['cluster', 'group', 'topic'],
    windowed: true,
  },
  groupStatus: {
    label: 'Consumer group status',
    unit: 'status',
    labels: ['cluster', 'group'],
    windowed: false,
  },
  dlqDepth: { label: 'DLQ depth', unit: 'messages', labels: ['cluster', 'dlq'], windowed: false },
  dlqInflow: {
    label: 'DLQ inflow',
    unit: 'perMinute',
    labels: ['cluster', 'dlq'],
    windowed: true,
  },
  eventSizeP95: {
    label: 'Event size p95',
    unit: 'bytes',
    labels: ['cluster', 'topic'],
    windowed: false,
  },
  eventSizeMax: {
    label: 'Event size max',
    unit: 'bytes',
    labels: ['cluster', 'topic'],
    windowed: false,
  },
  spanLatencyAvg: {
    label: 'Span latency avg',
    unit: 'ms',
    labels: ['service', 'operation'],
    windowed: true,
  },
  spanLatencyP95: {
    label: 'Span latency p95',
    unit: 'ms',
    labels: ['service', 'operation'],
    windowed: true,
  },
  clusterUnreachable: {
    label: 'Cluster unreachable (failed samples)',
    unit: 'count',
    labels: ['cluster'],
    windowed: false,
  },
  collectorStale: {
    label: 'Collector stale (time since last sample)',
    unit: 'seconds',
    labels: ['cluster'],
    windowed: false,
  },
};

/** Human value in the metric's unit: "1 m 12 s", "1.2 k messages", "1.4 MiB", "230 ms". */
export function formatMetricValue(unit: MetricUnit | undefined, value: number): string {
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'messages':
      return `${formatCount(value)} msg`;
    case 'perMinute':
      return `${formatCount(value)}/min`;
    case 'bytes':
      return formatBytes(value);
    case 'ms':
      return formatDurationMs(value);
    case 'status':
      return value >= 1 ? 'true' : 'false';
    default:
      return formatCount(value);
  }
}

const EXACT_UNITS: Record<MetricUnit, string> = {
  seconds: ' s',
  messages: ' messages',
  perMinute: ' messages/min',
  bytes: ' bytes',
  ms: ' ms',
  status: '',
  count: '',
};

/** The exact value for a tooltip. */
export function formatMetricExact(unit: MetricUnit | undefined, value: number): string {
  return `${formatExact(value)}${unit ? EXACT_UNITS[unit] : ''}`;
}

/** Choices for typing a quantity in a comfortable unit; the first is the metric's own. */
export interface Scale {
  label: string;
  factor: number;
}

export const DURATION_SCALES: readonly Scale[] = [
  { label: 's', factor: 1 },
  { label: 'min', factor: 60 },
  { label: 'h', factor: 3600 },
];

export const UNIT_SCALES: Record<MetricUnit, readonly Scale[]> = {
  seconds: DURATION_SCALES,
  messages: [{ label: 'messages', factor: 1 }],
  perMinute: [{ label: 'messages/min', factor: 1 }],
  bytes: [
    { label: 'B', factor: 1 },
    { label: 'KiB', factor: 1024 },
    { label: 'MiB', factor: 1024 * 1024 },
  ],
  ms: [
    { label: 'ms', factor: 1 },
    { label: 's', factor: 1000 },
  ],
  status: [{ label: '', factor: 1 }],
  count: [{ label: 'samples', factor: 1 }],
};

/** A number as typed (text, so a half-typed "1." survives) and the scale it is typed in. */
export interface Quantity {
  amount: string;
  factor: number;
}

/** The largest scale that shows the value as a whole number: 3600 s → 1 h, 90 s → 90 s. */
export function toQuantity(value: number, scales: readonly Scale[]): Quantity {
  const fit = [...scales].reverse().find((s) => value !== 0 && value % s.factor === 0);
  const factor = fit?.factor ?? scales[0]?.factor ?? 1;
  return { amount: String(value / factor), factor };
}

/** The value in base units, or NaN when the amount is not a number. Empty stays NaN too. */
export function fromQuantity(q: Quantity): number {
  const text = q.amount.trim();
  if (text === '') return Number.NaN;
  const n = Number(text);
  // Floating point: 0.1 MiB is 104857.6 bytes; keep what the user meant to three decimals.
  return Number.isFinite(n) ? Math.round(n * q.factor * 1000) / 1000 : Number.NaN;
}
