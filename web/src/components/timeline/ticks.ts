import { formatDurationMs } from '../../lib/format';

export interface Tick {
  pct: number;
  label: string;
}

/** 1, 2 or 5 times a power of ten: steps a reader can add up at a glance. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

function tickLabel(ms: number, step: number): string {
  if (ms === 0) return '0';
  // Below a millisecond per step, whole-ms rounding would print the same label twice.
  if (step < 1) return `${ms.toFixed(Math.ceil(-Math.log10(step)))} ms`;
  return formatDurationMs(ms);
}

/** About `target` ticks from 0 to `totalMs`, positioned in percent of the total. */
export function ticksFor(totalMs: number, target = 6): Tick[] {
  if (!(totalMs > 0)) return [{ pct: 0, label: '0' }];
  const step = niceStep(totalMs / target);
  const ticks: Tick[] = [];
  for (let i = 0; i * step <= totalMs + step * 1e-9; i += 1) {
    const ms = i * step;
    ticks.push({ pct: (ms / totalMs) * 100, label: tickLabel(ms, step) });
  }
  return ticks;
}

/** Span durations keep a decimal below 10 ms: "0.4 ms", "2.9 ms", "18 ms", "1.2 s". */
export function formatSpanMs(ms: number): string {
  if (ms < 10) {
    const text = ms.toFixed(1);
    return `${text.endsWith('.0') ? text.slice(0, -2) : text} ms`;
  }
  return formatDurationMs(ms);
}
