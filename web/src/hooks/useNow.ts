import { useSyncExternalStore } from 'react';

/**
 * One shared clock for relative times ("4 m ago"). A single interval drives every subscriber,
 * so a table of a thousand rows does not start a thousand timers.
 */
const TICK_MS = 5_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Refreshes a clock nobody has ticked for a while, so a first render is not minutes behind. */
function snapshot(): number {
  if (timer === undefined && Date.now() - now > TICK_MS) now = Date.now();
  return now;
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
