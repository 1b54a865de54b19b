// Exponential backoff with jitter and a cap, for network errors and 5xx answers. The jitter
// keeps parallel workers (concurrency > 1) from retrying in lockstep.

export interface BackoffOptions {
  /** Delay of the first retry before jitter. */
  baseMs?: number;
  factor?: number;
  capMs?: number;
  /** 0..1: the share of the delay that is random (0.5: between 50% and 100% of it). */
  jitter?: number;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

/** The delay before retry number `attempt` (1 = the first retry). */
export function backoffMs(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 1000;
  const factor = opts.factor ?? 2;
  const cap = opts.capMs ?? 60_000;
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.5));
  const random = opts.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempt));
  // Capped before jitter so the cap holds however large the attempt number is.
  const raw = Math.min(cap, base * factor ** (n - 1));
  return Math.round(raw * (1 - jitter + jitter * random()));
}
