// Pure pre-flight estimate of the waiting a registry's rate limits will impose on a release.
// crates.io uses token buckets per user: a burst, then one token per period.

export interface RateLimit {
  perMinutes: number;
  burst: number;
}

export interface RateLimits {
  newCrate: RateLimit;
  newVersion: RateLimit;
}

/** crates.io: new crate 1 per 10 min (burst 5), new version 1 per min (burst 30). */
export const CRATES_IO_RATE_LIMITS: RateLimits = {
  newCrate: { perMinutes: 10, burst: 5 },
  newVersion: { perMinutes: 1, burst: 30 },
};

export interface RateLimitEstimate {
  newCrates: number;
  newVersions: number;
  /** Expected extra wait in seconds (0 when everything fits in the bursts). */
  extraSeconds: number;
  /** Set when extraSeconds > 0: what to tell the maintainer before starting. */
  warning?: string;
}

function bucketWait(count: number, limit: RateLimit): number {
  return Math.max(0, count - limit.burst) * limit.perMinutes * 60;
}

function human(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The buckets are independent and drain while the other category publishes, so the expected
 * extra wait is the longer of the two (assuming full buckets at the start: a best case).
 */
export function estimateRateLimitWait(
  newCrates: number,
  newVersions: number,
  limits: RateLimits = CRATES_IO_RATE_LIMITS,
): RateLimitEstimate {
  const crateWait = bucketWait(newCrates, limits.newCrate);
  const versionWait = bucketWait(newVersions, limits.newVersion);
  const extraSeconds = Math.max(crateWait, versionWait);
  const est: RateLimitEstimate = { newCrates, newVersions, extraSeconds };
  if (extraSeconds > 0) {
    const parts: string[] = [];
    if (crateWait > 0) {
      parts.push(
        `${newCrates} new crates exceed the burst of ${limits.newCrate.burst} (then 1 per ${limits.newCrate.perMinutes} min)`,
      );
    }
    if (versionWait > 0) {
      parts.push(
        `${newVersions} new versions exceed the burst of ${limits.newVersion.burst} (then 1 per ${limits.newVersion.perMinutes} min)`,
      );
    }
    est.warning = `rate limits: ${parts.join('; ')}: expect at least ${human(extraSeconds)} of extra waiting (the queue waits and retries by itself).`;
  }
  return est;
}
