// How often the queue asks the index after an upload (defaultPollMs): pure.
import { describe, expect, it } from 'vitest';
import { defaultPollMs } from '../../src/engine/publish-index-wait.js';

describe('defaultPollMs', () => {
  it('polls every 100 ms at first, then an eighth of the time waited, at most every 2 s', () => {
    expect(defaultPollMs(0)).toBe(100);
    expect(defaultPollMs(800)).toBe(100);
    expect(defaultPollMs(1500)).toBe(188);
    expect(defaultPollMs(8000)).toBe(1000);
    expect(defaultPollMs(60_000)).toBe(2000);
  });

  it('a version that shows up is seen at most an eighth of its delay late (or 100 ms)', () => {
    for (const delay of [300, 1000, 1500, 4000, 12_000]) {
      let t = 0;
      while (t < delay) t += defaultPollMs(t);
      expect(t - delay).toBeLessThanOrEqual(Math.max(100, delay / 8));
    }
  });
});
