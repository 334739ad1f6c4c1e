/**
 * How the outside steers a running replay: pause/resume, cancel (stop for good), stop (the
 * process is shutting down: stop after the current batch and resume on the next start).
 * `signal` aborts every wait (rate limit, empty DLQ) as soon as the replay should not go on.
 */
export type ControlState = 'running' | 'paused' | 'cancelled' | 'stopped';

export class ReplayControl {
  private current: ControlState;
  private abort = new AbortController();
  private waiters: Array<() => void> = [];

  constructor(initial: 'running' | 'paused' = 'running') {
    this.current = initial;
    if (initial === 'paused') this.abort.abort();
  }

  get state(): ControlState {
    return this.current;
  }

  /** Aborted while paused, cancelled or stopped. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  pause(): void {
    if (this.current === 'running') this.set('paused');
  }

  resume(): void {
    if (this.current === 'paused') this.set('running');
  }

  cancel(): void {
    if (this.current === 'running' || this.current === 'paused') this.set('cancelled');
  }

  stop(): void {
    if (this.current === 'running' || this.current === 'paused') this.set('stopped');
  }

  /** Resolves at the next change of state. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private set(next: ControlState): void {
    this.current = next;
    if (next === 'running') this.abort = new AbortController();
    else this.abort.abort();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
