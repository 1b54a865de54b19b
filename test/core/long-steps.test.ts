import { describe, expect, it } from 'vitest';
import { compactDuration } from '../../src/core/durations.js';
import { createSleepDetector, quietLabel, sleepNote, sleptBetween } from '../../src/core/long-steps.js';

describe('quietLabel', () => {
  const T = 1_000_000;
  it('counts from the last output line once the silence reaches the threshold', () => {
    expect(quietLabel(T - 130_000, T - 600_000, T)).toBe('quiet 2m 10s');
    expect(quietLabel(T - 4_999, T - 600_000, T)).toBeUndefined();
    expect(quietLabel(T - 5_000, T - 600_000, T)).toBe('quiet 5s');
  });
  it('counts from the start when the step printed nothing yet, or printed only before this attempt', () => {
    expect(quietLabel(undefined, T - 7_200_000 - 65_000, T)).toBe('quiet 2h 01m');
    expect(quietLabel(T - 900_000, T - 20_000, T)).toBe('quiet 20s');
    expect(quietLabel(undefined, undefined, T)).toBeUndefined();
  });
  it('formats compactly', () => {
    expect([0, 59_999, 60_000, 3_599_000, 3_600_000].map(compactDuration)).toEqual([
      '0s',
      '59s',
      '1m 00s',
      '59m 59s',
      '1h 00m',
    ]);
  });
});

describe('sleep detector', () => {
  it('a 1 s tick that fires after 41 min of wall time (monotonic clock stood still) is a sleep', () => {
    const t = { wall: 1_000_000, mono: 50 };
    const detect = createSleepDetector(t);
    expect(detect({ wall: t.wall + 1000, mono: t.mono + 1000 })).toBeUndefined();
    // suspended: the monotonic clock moves one tick, the wall clock 41 minutes
    expect(detect({ wall: t.wall + 1000 + 41 * 60_000 + 1000, mono: t.mono + 2000 })).toBe(41 * 60_000);
    // reported once: the next tick is ordinary again
    expect(detect({ wall: t.wall + 1000 + 41 * 60_000 + 2000, mono: t.mono + 3000 })).toBeUndefined();
  });
  it('a blocked event loop (both clocks late) and a clock stepped back are not sleeps', () => {
    expect(sleptBetween({ wall: 0, mono: 0 }, { wall: 120_000, mono: 119_990 })).toBeUndefined();
    expect(sleptBetween({ wall: 100_000, mono: 0 }, { wall: 0, mono: 1000 })).toBeUndefined();
    expect(sleptBetween({ wall: 0, mono: 0 }, { wall: 29_000 + 1000, mono: 1000 })).toBeUndefined();
  });
  it('the note says how long and that the duration includes it', () => {
    const woke = Date.parse('2026-12-05T10:43:00Z');
    expect(sleepNote(41 * 60_000, woke)).toBe(
      "the machine slept 41 min (from 10:02 to 10:43 UTC); not counted in this step's duration",
    );
    expect(sleepNote(45_000, woke)).toMatch(/^the machine slept 45 s /);
  });
});
