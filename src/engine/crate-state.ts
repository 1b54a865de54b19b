// One crate's state in the release store, changed by the queue, its workers, the publish
// reconcile and the rollback alike: a crate the state does not list yet starts pending at its
// planned version (a confirmed yank or upload is never dropped), and the change is stamped.
import type { StoreApi } from 'zustand/vanilla';
import type { CrateState, ReleaseState } from '../core/state-types.js';

export interface CrateStateDeps {
  store: StoreApi<ReleaseState>;
  now(): number;
}

export function patchCrate(d: CrateStateDeps, name: string, version: string, patch: Partial<CrateState>): void {
  d.store.setState((s) => {
    const cur: CrateState = s.crates[name] ?? { status: 'pending', version, attempts: 0 };
    return { crates: { ...s.crates, [name]: { ...cur, ...patch } }, updatedAt: new Date(d.now()).toISOString() };
  });
}
