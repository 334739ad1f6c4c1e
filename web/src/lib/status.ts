/**
 * The one status language of UI.md, used by badges, chart bands, table rows and the favicon.
 * Colour is never the only signal: every status has a word, and a tooltip saying what it means.
 */

/** Colour roles; the CSS maps each to a foreground/background pair per theme (`.role-…`). */
export type StatusRole = 'ok' | 'warn' | 'crit' | 'empty' | 'unknown' | 'muted';

export interface StatusInfo {
  role: StatusRole;
  word: string;
  tooltip: string;
}

const STATUS = {
  // Consumer group status (Burrow-style, DESIGN.md "Data the product computes").
  OK: { role: 'ok', word: 'OK', tooltip: 'Keeping up' },
  WARN: { role: 'warn', word: 'WARN', tooltip: 'Lag growing' },
  ERR: { role: 'crit', word: 'ERR', tooltip: 'Committed offset not moving while lag > 0' },
  STALL: { role: 'crit', word: 'STALL', tooltip: 'Not consuming' },
  STOP: { role: 'crit', word: 'STOP', tooltip: 'Stopped' },
  REWIND: { role: 'crit', word: 'REWIND', tooltip: 'Committed offset went backwards' },
  EMPTY: { role: 'empty', word: 'EMPTY', tooltip: 'No members' },
  UNKNOWN: {
    role: 'unknown',
    word: 'UNKNOWN',
    tooltip: 'No data: cluster unreachable or stale',
  },
  // Alert states.
  firing: { role: 'crit', word: 'firing', tooltip: 'Condition true for longer than its "for"' },
  pending: { role: 'warn', word: 'pending', tooltip: 'Condition true, "for" not yet elapsed' },
  resolved: { role: 'ok', word: 'resolved', tooltip: 'Condition no longer true' },
  silenced: { role: 'muted', word: 'silenced', tooltip: 'Matched by a silence: not notifying' },
  // Health of clusters and of Eventscope itself (GET /api/health).
  reachable: { role: 'ok', word: 'reachable', tooltip: 'Brokers answer metadata requests' },
  unreachable: {
    role: 'crit',
    word: 'unreachable',
    tooltip: 'The last metadata request failed: data from this cluster is unknown',
  },
  ok: { role: 'ok', word: 'ok', tooltip: 'Store and every cluster answer' },
  degraded: { role: 'warn', word: 'degraded', tooltip: 'The store or a cluster does not answer' },
  up: { role: 'ok', word: 'up', tooltip: 'Answering' },
  down: { role: 'crit', word: 'down', tooltip: 'Not answering' },
} as const satisfies Record<string, StatusInfo>;

export type KnownStatus = keyof typeof STATUS;

/**
 * Looks a status up. A value the api adds later than this build is shown as unknown with its
 * own word, rather than guessed into a colour.
 */
export function statusInfo(status: string | null | undefined): StatusInfo {
  if (status && Object.hasOwn(STATUS, status)) return STATUS[status as KnownStatus];
  return { ...STATUS.UNKNOWN, word: status || STATUS.UNKNOWN.word };
}

/** Worst first, so lists and favicons can pick the most urgent status. */
const ROLE_SEVERITY: Record<StatusRole, number> = {
  crit: 5,
  warn: 4,
  unknown: 3,
  empty: 2,
  muted: 1,
  ok: 0,
};

export function worstRole(roles: Iterable<StatusRole>): StatusRole {
  let worst: StatusRole = 'ok';
  for (const role of roles) if (ROLE_SEVERITY[role] > ROLE_SEVERITY[worst]) worst = role;
  return worst;
}
