// Long steps: how long a running step has been silent, and whether the machine slept under it.
// Pure; the clocks are passed in (the wall clock and a monotonic one that stops while suspended).

import { compactDuration, sleptAmount } from './durations.js';

/** Silence shorter than this is ordinary output rhythm, not worth a label. */
export const QUIET_AFTER_MS = 5_000;

/**
 * "quiet 2m 10s" when a running step printed nothing for QUIET_AFTER_MS or more, counted from its
 * last output line, or from its start when it printed nothing yet; undefined otherwise.
 */
export function quietLabel(
  lastLineAt: number | undefined,
  startedAt: number | undefined,
  now: number,
  afterMs = QUIET_AFTER_MS,
): string | undefined {
  const since = Math.max(lastLineAt ?? -Infinity, startedAt ?? -Infinity);
  if (!Number.isFinite(since)) return undefined;
  const quiet = now - since;
  return quiet >= afterMs ? `quiet ${compactDuration(quiet)}` : undefined;
}

export interface ClockReading {
  /** Date.now(): jumps forward over a suspend. */
  wall: number;
  /** A monotonic clock (performance.now()): does not advance while the machine is suspended. */
  mono: number;
}

/** The wall clock may run ahead of the monotonic one by this much between two ticks before it counts as a sleep. */
export const SLEEP_THRESHOLD_MS = 30_000;

/**
 * How long the machine slept between two readings: the part of the wall-clock interval the
 * monotonic clock did not see. A busy event loop delays both clocks alike, so it never counts.
 */
export function sleptBetween(
  prev: ClockReading,
  cur: ClockReading,
  thresholdMs = SLEEP_THRESHOLD_MS,
): number | undefined {
  const gap = cur.wall - prev.wall - (cur.mono - prev.mono);
  return gap >= thresholdMs ? gap : undefined;
}

/** A detector fed one reading per tick; reports each sleep once. */
export function createSleepDetector(
  first: ClockReading,
  thresholdMs = SLEEP_THRESHOLD_MS,
): (cur: ClockReading) => number | undefined {
  let prev = first;
  return (cur) => {
    const slept = sleptBetween(prev, cur, thresholdMs);
    prev = cur;
    return slept;
  };
}

/** "the machine slept 41 min (from 10:02 to 10:43 UTC); not counted in this step's duration" */
export function sleepNote(sleptMs: number, wokeAt: number): string {
  const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);
  return `the machine slept ${sleptAmount(sleptMs)} (from ${hhmm(wokeAt - sleptMs)} to ${hhmm(wokeAt)} UTC); not counted in this step's duration`;
}
