/**
 * The per-series state machine of Prometheus alerting rules: inactive → pending (condition
 * true, `for` not yet elapsed) → firing → resolved (condition false for keep_firing_for).
 * NoData keeps the state as it is: an unknown value is never "0, all fine" and never fires.
 * Pure: times are epoch milliseconds passed in.
 */

export type Observation = 'true' | 'false' | 'nodata';

export interface Phase {
  state: 'pending' | 'firing' | 'resolved';
  activeAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  /** Last time the condition held (keep_firing_for counts from here). */
  lastTrueAt: number | null;
}

export interface Timing {
  forMs: number;
  keepFiringForMs: number;
  /**
   * Samples arrive on a jittery interval: `for 10 s` at a 5 s interval must fire at the third
   * sample even if it lands a few ms early. Durations are met within this margin.
   */
  graceMs: number;
}

export type Transition = 'none' | 'pending' | 'firing' | 'resolved' | 'inactive';

export interface Step {
  /** undefined: inactive (no alert). */
  phase: Phase | undefined;
  transition: Transition;
}

/** The phase fields only (prev may be a whole alert), with some replaced. */
const phaseWith = (prev: Phase, patch: Partial<Phase>): Phase => ({
  state: prev.state,
  activeAt: prev.activeAt,
  firedAt: prev.firedAt,
  resolvedAt: prev.resolvedAt,
  lastTrueAt: prev.lastTrueAt,
  ...patch,
});

const elapsed = (since: number | null, now: number, ms: number, graceMs: number) =>
  since !== null && now - since >= ms - graceMs;

function activate(now: number, t: Timing): Step {
  if (t.forMs - t.graceMs <= 0)
    return {
      phase: { state: 'firing', activeAt: now, firedAt: now, resolvedAt: null, lastTrueAt: now },
      transition: 'firing',
    };
  return {
    phase: { state: 'pending', activeAt: now, firedAt: null, resolvedAt: null, lastTrueAt: now },
    transition: 'pending',
  };
}

export function advance(
  prev: Phase | undefined,
  observation: Observation,
  t: Timing,
  now: number,
): Step {
  if (!prev || prev.state === 'resolved') {
    if (observation === 'true') return activate(now, t);
    return { phase: prev && phaseWith(prev, {}), transition: 'none' };
  }
  if (observation === 'nodata') return { phase: phaseWith(prev, {}), transition: 'none' };
  if (prev.state === 'pending') {
    if (observation === 'false') return { phase: undefined, transition: 'inactive' };
    if (elapsed(prev.activeAt, now, t.forMs, t.graceMs))
      return {
        phase: phaseWith(prev, { state: 'firing', firedAt: now, lastTrueAt: now }),
        transition: 'firing',
      };
    return { phase: phaseWith(prev, { lastTrueAt: now }), transition: 'none' };
  }
  // firing
  if (observation === 'true')
    return { phase: phaseWith(prev, { lastTrueAt: now }), transition: 'none' };
  if (t.keepFiringForMs > 0 && !elapsed(prev.lastTrueAt, now, t.keepFiringForMs, t.graceMs))
    return { phase: phaseWith(prev, {}), transition: 'none' };
  return { phase: phaseWith(prev, { state: 'resolved', resolvedAt: now }), transition: 'resolved' };
}
