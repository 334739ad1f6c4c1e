/**
 * Human formatting for an on-call screen. Every helper takes `null`/`undefined` as "unknown"
 * and renders it as an em dash — never as 0, because a zero lag and an unknown lag lead to
 * opposite decisions.
 */

export const UNKNOWN = '—';

type Maybe<T> = T | null | undefined;

const isKnown = (n: Maybe<number>): n is number => typeof n === 'number' && Number.isFinite(n);

/** One decimal below 100 of a unit, none above; a trailing ".0" is noise. */
function scaled(value: number): string {
  const text = Math.abs(value) < 100 ? value.toFixed(1) : value.toFixed(0);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * Picks the largest unit the value reaches, after rounding: 999 950 is "1 M", not "1000 k".
 */
function withUnits(n: number, base: number, units: readonly string[]): string {
  const sign = n < 0 ? '-' : '';
  let value = Math.abs(n);
  let i = 0;
  while (i < units.length - 1 && Number(scaled(value)) >= base) {
    value /= base;
    i += 1;
  }
  return `${sign}${scaled(value)} ${units[i] ?? ''}`.trimEnd();
}

/** Counts: 999, 1.2 k, 3.4 M, 5 G. */
export function formatCount(n: Maybe<number>): string {
  if (!isKnown(n)) return UNKNOWN;
  if (Math.abs(n) < 1000) return Number.isInteger(n) ? String(n) : scaled(n);
  return withUnits(n, 1000, ['', 'k', 'M', 'G', 'T']);
}

/** Bytes in binary units, as Kafka's size limits are: 512 B, 1.4 MiB. */
export function formatBytes(n: Maybe<number>): string {
  if (!isKnown(n)) return UNKNOWN;
  if (Math.abs(n) < 1024) return `${Math.round(n)} B`;
  return withUnits(n, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
}

/** The exact value for a tooltip: 1,234,567. */
export function formatExact(n: Maybe<number>): string {
  if (!isKnown(n)) return 'unknown';
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Two most significant units, dropping a zero second one: "3 m 12 s", "2 h", "1 d 4 h". */
function twoUnits(total: number, big: number, bigName: string, small: number, smallName: string) {
  const major = Math.floor(total / big);
  const minor = Math.floor((total - major * big) / small);
  return minor === 0 ? `${major} ${bigName}` : `${major} ${bigName} ${minor} ${smallName}`;
}

/** Durations given in seconds (the unit of the API): 250 ms, 1.5 s, 42 s, 3 m 12 s, 2 h. */
export function formatDuration(seconds: Maybe<number>): string {
  if (!isKnown(seconds)) return UNKNOWN;
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0 s';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${scaled(seconds)} s`;
  // Round once so that 59.7 s becomes "1 m", not "60 s".
  const s = Math.round(seconds);
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return twoUnits(s, MINUTE, 'm', 1, 's');
  if (s < DAY) return twoUnits(s, HOUR, 'h', MINUTE, 'm');
  return twoUnits(s, DAY, 'd', HOUR, 'h');
}

/** Durations given in milliseconds (span latencies, round trips). */
export function formatDurationMs(ms: Maybe<number>): string {
  if (!isKnown(ms)) return UNKNOWN;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return formatDuration(ms / 1000);
}

function toDate(at: Maybe<string | number | Date>): Date | null {
  if (at === null || at === undefined) return null;
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "just now", "12 s ago", "4 m ago", "2 h ago", "3 d ago", "in 5 m". One unit: it is a glance. */
export function formatRelative(
  at: Maybe<string | number | Date>,
  now: number = Date.now(),
): string {
  const date = toDate(at);
  if (!date) return UNKNOWN;
  const delta = Math.round((now - date.getTime()) / 1000);
  const abs = Math.abs(delta);
  // Slightly in the future is clock skew or our 5 s tick, not a scheduled time.
  if (abs < 5 || (delta < 0 && abs < 60)) return 'just now';
  let text: string;
  if (abs < MINUTE) text = `${abs} s`;
  else if (abs < HOUR) text = `${Math.floor(abs / MINUTE)} m`;
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`;
  else text = `${Math.floor(abs / DAY)} d`;
  return delta > 0 ? `${text} ago` : `in ${text}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The viewer's local time as ISO-8601 with its offset: 2024-05-01T14:03:12+02:00. */
export function formatLocalIso(at: Maybe<string | number | Date>): string {
  const d = toDate(at);
  if (!d) return UNKNOWN;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Tooltip for a relative time: local and UTC, both absolute (UI.md "Numbers and time"). */
export function formatTimeTitle(at: Maybe<string | number | Date>): string {
  const d = toDate(at);
  if (!d) return 'unknown';
  return `${formatLocalIso(d)} (local) · ${d.toISOString()} (UTC)`;
}
