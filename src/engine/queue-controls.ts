// The maintainer's queue commands (pause, resume, retry or skip a crate): store mutations the
// running queue reacts to, written at once.
import type { CrateState, CrateStatus } from '../core/state-types.js';
import { UserError } from '../core/user-error.js';
import type { ReleaseStore } from '../store/release-store.js';
import { patchCrate } from './crate-state.js';

/**
 * What EngineApi's queue commands do. They only touch the store (a running queue reacts to it) and
 * write it at once: queue decisions are the maintainer's and must survive a crash right after.
 */
export interface QueueControls {
  pause(): void;
  resume(): void;
  /** failed/skipped -> pending; the engine re-runs the step when it is not running. */
  retryCrate(name: string): void;
  /** pending/failed -> skipped with the reason; dependents wait unless the index has its version. */
  skipCrate(name: string, reason: string): void;
}

export function createQueueControls(store: ReleaseStore, now: () => number): QueueControls {
  const edit = (name: string, allowed: CrateStatus[], patch: Partial<CrateState>, verb: string): void => {
    const cur = store.getState().crates[name];
    if (!cur) throw new UserError(`no crate \`${name}\` in this release.`);
    if (!allowed.includes(cur.status)) throw new UserError(`cannot ${verb} crate ${name}: it is ${cur.status}.`);
    patchCrate({ store, now }, name, cur.version, patch);
    store.flush();
  };
  const setPaused = (paused: boolean): void => {
    if (store.getState().queuePaused === paused) return;
    store.setState({ queuePaused: paused, updatedAt: new Date(now()).toISOString() });
    store.flush();
  };
  return {
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    retryCrate: (name) =>
      edit(name, ['failed', 'skipped'], { status: 'pending', reason: undefined, waitUntil: undefined }, 'retry'),
    skipCrate: (name, reason) => {
      if (!reason.trim()) throw new UserError(`skipping crate ${name} needs a reason.`);
      edit(name, ['pending', 'failed'], { status: 'skipped', reason: reason.trim(), waitUntil: undefined }, 'skip');
    },
  };
}
