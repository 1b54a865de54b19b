import { describe, expect, it } from 'vitest';
import { estimateRateLimitWait } from '../../src/core/rate-limit-estimate.js';

describe('estimateRateLimitWait', () => {
  it('nothing to wait within the crates.io bursts (the Micromegas v0.15.0 release: 1 new crate, 11 new versions)', () => {
    expect(estimateRateLimitWait(1, 11)).toEqual({ newCrates: 1, newVersions: 11, extraSeconds: 0 });
  });

  it('new crates beyond the burst of 5 wait 10 min each', () => {
    const est = estimateRateLimitWait(7, 0);
    expect(est.extraSeconds).toBe(1200);
    expect(est.warning).toBe(
      'rate limits: 7 new crates exceed the burst of 5 (then 1 per 10 min): expect at least 20 min of extra waiting (the queue waits and retries by itself).',
    );
  });

  it('the buckets drain in parallel: the longer wait counts', () => {
    expect(estimateRateLimitWait(6, 33).extraSeconds).toBe(600);
    expect(estimateRateLimitWait(6, 45).extraSeconds).toBe(900);
  });

  it('uses the configured limits', () => {
    const est = estimateRateLimitWait(0, 4, {
      newCrate: { perMinutes: 10, burst: 5 },
      newVersion: { perMinutes: 0.5, burst: 2 },
    });
    expect(est.extraSeconds).toBe(60);
    expect(est.warning).toMatch(/4 new versions exceed the burst of 2 \(then 1 per 0.5 min\): expect at least 60 s/);
  });
});
