import { formatLocalIso } from './format';

/** The global time ranges of UI.md; "custom" is a from/to pair kept in the URL. */
export const RANGES = [
  { key: '15m', label: '15 m', seconds: 15 * 60 },
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '6h', label: '6 h', seconds: 6 * 3600 },
  { key: '24h', label: '24 h', seconds: 24 * 3600 },
  { key: '7d', label: '7 d', seconds: 7 * 24 * 3600 },
] as const;

/** A preset: "the last hour", sliding forward with every refresh. */
export type RangeKey = (typeof RANGES)[number]['key'];

/** A fixed window (ISO-8601 instants, `?from=&to=` in the URL), e.g. last night's incident. */
export interface CustomRange {
  from: string;
  to: string;
}

/** What the history queries are asked for: a preset key or a fixed window. */
export type TimeRange = RangeKey | CustomRange;

export const DEFAULT_RANGE: RangeKey = '1h';

export function parseRange(value: string | null | undefined): RangeKey {
  return RANGES.find((r) => r.key === value)?.key ?? DEFAULT_RANGE;
}

export function isCustomRange(range: TimeRange): range is CustomRange {
  return typeof range === 'object';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type CustomRangeCheck =
  { ok: true; range: CustomRange } | { ok: false; field: 'from' | 'to'; message: string };

/**
 * Checks a custom window: both instants valid, from before to, and not ending in the future
 * (history has nothing there, and a window "until tomorrow" would look like a gap). `now` is
 * left out when reading a link: a window that was valid when shared stays valid.
 */
export function checkCustomRange(
  from: string | null | undefined,
  to: string | null | undefined,
  now?: number,
): CustomRangeCheck {
  const at = (s: string | null | undefined) =>
    s && ISO_INSTANT.test(s) ? Date.parse(s) : Number.NaN;
  const f = at(from);
  const t = at(to);
  if (Number.isNaN(f)) return { ok: false, field: 'from', message: 'Enter a start date and time' };
  if (Number.isNaN(t)) return { ok: false, field: 'to', message: 'Enter an end date and time' };
  if (f >= t) return { ok: false, field: 'to', message: 'The end must be after the start' };
  // A minute of grace: "now" typed into the form is a little behind the clock by submit time.
  if (now !== undefined && t > now + 60_000) {
    return { ok: false, field: 'to', message: 'The end must not be in the future' };
  }
  return { ok: true, range: { from: new Date(f).toISOString(), to: new Date(t).toISOString() } };
}

/** The range a URL asks for: a valid `from`/`to` pair wins over `range`; bad input falls back. */
export function readTimeRange(params: URLSearchParams): TimeRange {
  const custom = checkCustomRange(params.get('from'), params.get('to'));
  return custom.ok ? custom.range : parseRange(params.get('range'));
}

/**
 * The window a history query asks for, as ISO strings (`?from=&to=` in the API sketch). A
 * preset is computed when the request is sent, so "last hour" means the last hour; a custom
 * window is fixed, its end held to now.
 */
export function rangeWindow(range: TimeRange, now: number = Date.now()) {
  if (isCustomRange(range)) {
    const to = Math.min(Date.parse(range.to), now);
    const from = Math.min(Date.parse(range.from), to - 1000);
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }
  const seconds = RANGES.find((r) => r.key === range)?.seconds ?? 3600;
  return { from: new Date(now - seconds * 1000).toISOString(), to: new Date(now).toISOString() };
}

/** "2024-05-01 14:03" in the viewer's zone: minutes are what a window is picked in. */
function shortLocal(iso: string): string {
  return formatLocalIso(iso).slice(0, 16).replace('T', ' ');
}

/** The range as a phrase after "in": "the last 1 h", "2024-05-01 14:00 – 2024-05-01 15:30". */
export function rangePhrase(range: TimeRange): string {
  if (isCustomRange(range)) return `${shortLocal(range.from)} – ${shortLocal(range.to)}`;
  return `the last ${RANGES.find((r) => r.key === range)?.label ?? range}`;
}

/** An ISO instant as a `<input type="datetime-local">` value (local time, minutes). */
export function toLocalInput(iso: string): string {
  return shortLocal(iso).replace(' ', 'T');
}

/** A `datetime-local` value (local wall time) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return '';
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? '' : new Date(at).toISOString();
}
