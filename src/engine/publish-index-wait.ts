// A crate's wait on the sparse index: its answer before an upload (riding out index outages), and
// the polls after one until the version shows or the deadline passes.
import { IndexError, type IndexStatus } from '../adapters/sparse-index.js';
import { backoffMs } from '../core/backoff.js';
import type { PlannedCrate } from '../core/plan-types.js';
import type { CrateState } from '../core/state-types.js';
import type { WorkerEnv } from './publish-worker.js';

/** What the index wait does to its crate: the crate's state, and a pause that ends on abort. */
export interface CrateHooks {
  patch(p: Partial<CrateState>): void;
  pause(ms: number): Promise<void>;
}

/**
 * Adaptive: 50 ms right after the upload (a loopback or fast index shows a version within a second
 * or two), then a sixteenth of the time already waited (the answer comes at most ~6% late: each
 * layer of the crate graph pays this lateness once), backing off to one request every 2 s (cargo
 * itself polls every second) by 32 s: about 90 requests in a minute, conditional (ETag) ones.
 */
export function defaultPollMs(elapsedMs: number): number {
  return Math.min(2000, Math.max(50, Math.round(elapsedMs / 16)));
}

/** The index's answer, riding out its own outages with the same backoff as cargo's. */
export async function indexStatus(w: WorkerEnv, c: PlannedCrate, hooks: CrateHooks): Promise<IndexStatus> {
  for (let attempt = 1; ; attempt++) {
    try {
      w.index.invalidate(c.name);
      return await w.index.status(c.name, c.version);
    } catch (e) {
      if (!(e instanceof IndexError) || attempt > w.settings.maxRetries) throw e;
      const wait = backoffMs(attempt, { random: w.random });
      w.ctx.log(`${c.name}: ${e.message}; asking again in ${Math.ceil(wait / 1000)} s`);
      hooks.patch({ status: 'retrying', waitUntil: w.ctx.now() + wait, reason: e.message });
      await hooks.pause(wait);
    }
  }
}

/** Polls until the index lists the version (true) or the deadline passes (false). */
export async function awaitVisible(w: WorkerEnv, c: PlannedCrate, hooks: CrateHooks): Promise<boolean> {
  const start = w.ctx.now();
  const deadline = start + w.settings.indexTimeoutSeconds * 1000;
  hooks.patch({ status: 'waiting-index', waitUntil: deadline });
  let complained = false;
  for (;;) {
    try {
      if ((await w.index.status(c.name, c.version)) !== 'absent') return true;
    } catch (e) {
      if (!(e instanceof IndexError)) throw e;
      if (!complained) w.ctx.log(`${c.name}: ${e.message}; still polling`);
      complained = true;
    }
    const now = w.ctx.now();
    if (now >= deadline) return false;
    await hooks.pause(Math.min(w.pollMs(now - start), deadline - now));
  }
}
