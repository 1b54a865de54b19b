import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffMs } from '../../src/core/backoff.js';

describe('backoffMs', () => {
  it('doubles from the base without jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { jitter: 0 }))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('stays under the cap whatever the attempt', () => {
    expect(backoffMs(50, { jitter: 0 })).toBe(60_000);
    expect(backoffMs(1e6, { jitter: 0, capMs: 5000 })).toBe(5000);
  });

  it('jitter takes up to its share off the delay', () => {
    expect(backoffMs(1, { random: () => 0 })).toBe(500);
    expect(backoffMs(1, { random: () => 0.999999 })).toBe(1000);
  });

  it('property: within [(1 - jitter) * raw, raw] and never above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, jitter, r) => {
          const raw = Math.min(60_000, 1000 * 2 ** (Math.max(1, attempt) - 1));
          const d = backoffMs(attempt, { jitter, random: () => r });
          expect(d).toBeLessThanOrEqual(60_000);
          expect(d).toBeGreaterThanOrEqual(Math.floor((1 - jitter) * raw));
          expect(d).toBeLessThanOrEqual(Math.ceil(raw));
        },
      ),
    );
  });
});
