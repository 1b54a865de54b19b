// How often the queue asks the index after an upload (defaultPollMs): pure.
import { describe, expect, it } from 'vitest';
import { defaultPollMs } from '../../src/engine/publish-index-wait.js';

describe('defaultPollMs', () => {
  it('polls every 50 ms at first, then a sixteenth of the time waited, at most every 2 s', () => {
    expect(defaultPollMs(0)).toBe(50);
    expect(defaultPollMs(800)).toBe(50);
    expect(defaultPollMs(1500)).toBe(94);
    expect(defaultPollMs(8000)).toBe(500);
    expect(defaultPollMs(32_000)).toBe(2000);
    expect(defaultPollMs(60_000)).toBe(2000);
  });

  it('a version that shows up is seen at most a sixteenth of its delay late (or 50 ms)', () => {
    for (const delay of [300, 1000, 1500, 4000, 12_000, 40_000]) {
      let t = 0;
      while (t < delay) t += defaultPollMs(t);
      expect(t - delay).toBeLessThanOrEqual(Math.max(50, delay / 16));
    }
  });

  it('backs off: under 100 requests in the first minute, and one every 2 s after it', () => {
    let t = 0;
    let requests = 0;
    while (t < 60_000) {
      t += defaultPollMs(t);
      requests += 1;
    }
    expect(requests).toBeLessThan(100);
    expect(defaultPollMs(t)).toBe(2000);
  });
});
