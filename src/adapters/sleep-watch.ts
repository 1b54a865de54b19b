// Notices a suspended machine while a step runs: a tick compares the wall clock with the monotonic
// one (which stands still during a suspend) through core's detector. Clocks and the timer are
// injectable so tests need no sleeping.
import { createSleepDetector } from '../core/long-steps.js';

export interface SleepWatchOptions {
  onSleep(sleptMs: number, wokeAt: number): void;
  tickMs?: number;
  wall?: () => number;
  mono?: () => number;
  /** Calls fn every ms until the returned stop is called; default an unref'd setInterval. */
  every?: (fn: () => void, ms: number) => () => void;
}

const realEvery = (fn: () => void, ms: number): (() => void) => {
  const t = setInterval(fn, ms);
  t.unref(); // never what keeps the process alive
  return () => clearInterval(t);
};

/** Starts watching; returns the stop function. */
export function watchSleep(opts: SleepWatchOptions): () => void {
  const wall = opts.wall ?? Date.now;
  const mono = opts.mono ?? (() => performance.now());
  const read = (): { wall: number; mono: number } => ({ wall: wall(), mono: mono() });
  const detect = createSleepDetector(read());
  return (opts.every ?? realEvery)(() => {
    const cur = read();
    const slept = detect(cur);
    if (slept !== undefined) opts.onSleep(slept, cur.wall);
  }, opts.tickMs ?? 1000);
}
