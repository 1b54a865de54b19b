// The publish queue's tests on real cargo against the loopback registry (tiny 4-crate workspace:
// base <- mid <- top, base <- top, solo alone). Each test has its own registry on a random port
// and its own CARGO_HOME; builds are shared through one CARGO_TARGET_DIR per test file.
import { afterEach } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { runPublishQueue } from '../../src/engine/publish-queue.js';
import { apiFor, indexFor } from '../../src/engine/steps/publish-crates.js';
import type { CrateStatus, ReleaseState } from '../../src/core/state-types.js';
import { sharedTargetDir, startHarness, type Harness, type HarnessOptions } from '../sandbox/queue-harness.js';

export const CRATES = ['tiny-base', 'tiny-mid', 'tiny-top', 'tiny-solo'];
export const INTERNAL = new Set(CRATES);
// Fast polls and no jitter: the waits are the registry's, not ours.
export const fast = { pollMs: () => 50, random: () => 0 };

/**
 * A harness per test, closed after it (registers the afterEach of the calling file). Each file
 * names its own target dir: files run side by side, and cargo writes every package of the same
 * crate to one path of a target dir (a file that breaks a crate would break the other's).
 */
export function useQueueHarness(file: string): (opts?: Partial<HarnessOptions>) => Promise<Harness> {
  const targetDir = sharedTargetDir(file);
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });
  return async (opts = {}) => {
    const h = await startHarness({ targetDir, ...opts });
    harnesses.push(h);
    return h;
  };
}

/** Each crate's distinct statuses in the order it went through them. */
export function recordStatuses(store: StoreApi<ReleaseState>): Map<string, CrateStatus[]> {
  const seen = new Map<string, CrateStatus[]>();
  store.subscribe((s) => {
    for (const [name, c] of Object.entries(s.crates)) {
      const list = seen.get(name) ?? [];
      if (list[list.length - 1] !== c.status) list.push(c.status);
      seen.set(name, list);
    }
  });
  return seen;
}

export function runQueue(h: Harness, opts: { signal?: AbortSignal; dryRun?: boolean } = {}) {
  return runPublishQueue(h.context(opts), { index: indexFor(h.plan, h.env), ...fast });
}

/** The queue with the registry's API: verified crates are uploaded through it, not by cargo. */
export function runQueueDirect(h: Harness, opts: { signal?: AbortSignal } = {}) {
  return runPublishQueue(h.context(opts), { index: indexFor(h.plan, h.env), api: apiFor(h.plan, h.env), ...fast });
}

export function statuses(h: Harness): Record<string, CrateStatus | undefined> {
  return Object.fromEntries(CRATES.map((c) => [c, h.store.getState().crates[c]?.status]));
}
