import { describe, expect, it } from 'vitest';
import { advance, type Phase, type Timing } from './state';

const timing: Timing = { forMs: 10_000, keepFiringForMs: 0, graceMs: 500 };

function run(observations: [number, 'true' | 'false' | 'nodata'][], t: Timing = timing) {
  let phase: Phase | undefined;
  const seen: string[] = [];
  for (const [at, obs] of observations) {
    const step = advance(phase, obs, t, at);
    phase = step.phase;
    seen.push(`${at}:${phase?.state ?? 'inactive'}`);
  }
  return { phase, seen };
}

describe('alert state machine', () => {
  it('goes pending, then firing once `for` has elapsed, then resolved', () => {
    const { seen, phase } = run([
      [0, 'false'],
      [5_000, 'true'],
      [10_000, 'true'],
      [15_000, 'true'],
      [20_000, 'false'],
    ]);
    expect(seen).toEqual([
      '0:inactive',
      '5000:pending',
      '10000:pending',
      '15000:firing',
      '20000:resolved',
    ]);
    expect(phase).toEqual({
      state: 'resolved',
      activeAt: 5_000,
      firedAt: 15_000,
      resolvedAt: 20_000,
      lastTrueAt: 15_000,
    });
  });

  it('fires at the sample that lands a little early (within the grace)', () => {
    const { seen } = run([
      [0, 'true'],
      [9_700, 'true'],
    ]);
    expect(seen).toEqual(['0:pending', '9700:firing']);
  });

  it('a pending alert whose condition turns false goes back to inactive', () => {
    const { seen, phase } = run([
      [0, 'true'],
      [5_000, 'false'],
    ]);
    expect(seen).toEqual(['0:pending', '5000:inactive']);
    expect(phase).toBeUndefined();
  });

  it('fires at once when `for` is 0', () => {
    const { seen } = run([[0, 'true']], { ...timing, forMs: 0 });
    expect(seen).toEqual(['0:firing']);
  });

  it('keep_firing_for keeps it firing while the condition is false, then resolves', () => {
    const { seen } = run(
      [
        [0, 'true'],
        [5_000, 'false'],
        [20_000, 'false'],
        [30_000, 'false'],
      ],
      { ...timing, forMs: 0, keepFiringForMs: 30_000 },
    );
    expect(seen).toEqual(['0:firing', '5000:firing', '20000:firing', '30000:resolved']);
  });

  it('keep_firing_for restarts whenever the condition holds again', () => {
    const { seen } = run(
      [
        [0, 'true'],
        [10_000, 'false'],
        [20_000, 'true'],
        [40_000, 'false'],
        [50_000, 'false'],
      ],
      { ...timing, forMs: 0, keepFiringForMs: 30_000 },
    );
    expect(seen).toEqual([
      '0:firing',
      '10000:firing',
      '20000:firing',
      '40000:firing',
      '50000:resolved',
    ]);
  });

  it('NoData keeps the state: a firing alert stays firing, a pending one does not fire', () => {
    const firing = run([
      [0, 'true'],
      [10_000, 'true'],
      [20_000, 'nodata'],
      [30_000, 'nodata'],
    ]);
    expect(firing.seen).toEqual(['0:pending', '10000:firing', '20000:firing', '30000:firing']);
    const pending = run([
      [0, 'true'],
      [5_000, 'nodata'],
      [60_000, 'nodata'],
    ]);
    expect(pending.seen).toEqual(['0:pending', '5000:pending', '60000:pending']);
  });

  it('NoData never creates an alert', () => {
    expect(run([[0, 'nodata']]).seen).toEqual(['0:inactive']);
  });

  it('a resolved alert whose condition holds again starts over as pending', () => {
    const { seen, phase } = run([
      [0, 'true'],
      [10_000, 'true'],
      [15_000, 'false'],
      [20_000, 'true'],
    ]);
    expect(seen).toEqual(['0:pending', '10000:firing', '15000:resolved', '20000:pending']);
    expect(phase).toMatchObject({ activeAt: 20_000, firedAt: null, resolvedAt: null });
  });
});
