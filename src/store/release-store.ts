// The release store: zustand vanilla + persist through a StateStorage (state.json, see
// src/adapters/file-storage.ts). Hydration is
// synchronous, so the store holds the saved state as soon as this returns. The state is built from
// the plan: a config edited between sessions (a step added or removed) is merged, never lost.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import type { Plan } from '../core/plan-types.js';
import type { CrateState, ReleaseState, StepState } from '../core/state-types.js';
import { STATE_SCHEMA_VERSION } from '../core/state-types.js';
import type { StateStorage, StorageStats } from '../core/state-storage.js';
import { migrateState, normalizeState } from './migrate.js';
import { isFinished } from './selectors.js';
import { allSteps } from '../core/plan-lookup.js';

export interface ReleaseStore extends StoreApi<ReleaseState> {
  /** Writes the pending change now (exit paths, after an irreversible action). */
  flush(): void;
  /** Flushes and detaches from the file. */
  close(): void;
  /** null for an in-memory store. */
  readonly file: string | null;
  readonly storageStats: StorageStats;
  /** Ends a deferred start: writes the state now and every change from here on (idempotent). */
  activate(): void;
  /** state.json is being written (false while a deferred store waits for the release to start). */
  readonly active: boolean;
}

export interface ReleaseStoreOptions {
  /**
   * Nothing is written until activate(): a release exists once something ran or was confirmed,
   * never because a cockpit was opened (the latest value waits for that moment).
   */
  deferred?: boolean;
  /** ISO "now" for createdAt of a new release. */
  nowIso?: () => string;
}

export function initialState(plan: Plan, nowIso: string): ReleaseState {
  const steps: Record<string, StepState> = {};
  for (const s of allSteps(plan)) steps[s.id] = { status: 'pending', attempts: 0 };
  const crates: Record<string, CrateState> = {};
  for (const c of plan.crates) crates[c.name] = { status: 'pending', version: c.version, attempts: 0 };
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    project: plan.project,
    version: plan.version,
    next: plan.next,
    createdAt: nowIso,
    updatedAt: nowIso,
    sessions: 0,
    phases: Object.fromEntries(plan.phases.map((p) => [p.id, {}])),
    steps,
    crates,
    queuePaused: false,
    notices: [],
  };
}

/**
 * Saved state + current plan. Steps and crates are keyed by id/name: new ones start pending;
 * removed steps are dropped with a notice; removed crates that were acted on are kept (they are
 * facts about the registry the rollback menu needs). Notices of the previous session are dropped.
 */
export function mergeWithPlan(saved: ReleaseState, plan: Plan, nowIso: string): ReleaseState {
  const base = initialState(plan, nowIso);
  const notices: string[] = [];
  const hadSteps = Object.keys(saved.steps).length > 0;
  const steps: Record<string, StepState> = {};
  for (const s of allSteps(plan)) {
    const prev = saved.steps[s.id];
    if (prev) steps[s.id] = prev;
    else {
      steps[s.id] = { status: 'pending', attempts: 0 };
      if (hadSteps) notices.push(`Step ${s.phaseId}/${s.id} is new in the config since the last session.`);
    }
  }
  for (const [id, prev] of Object.entries(saved.steps)) {
    if (!steps[id] && prev.status !== 'pending')
      notices.push(`Step ${id} (${prev.status}) is no longer in the config; its state was dropped.`);
  }
  const crates: Record<string, CrateState> = {};
  for (const c of plan.crates) {
    const prev = saved.crates[c.name];
    crates[c.name] = !prev
      ? { status: 'pending', version: c.version, attempts: 0 }
      : prev.status === 'pending'
        ? { ...prev, version: c.version }
        : prev;
  }
  for (const [name, prev] of Object.entries(saved.crates)) {
    if (!crates[name] && prev.status !== 'pending') crates[name] = prev;
  }
  const phases: ReleaseState['phases'] = {};
  for (const p of plan.phases) {
    const prev = { ...(saved.phases[p.id] ?? {}) };
    // A step added to a completed phase reopens it.
    if (prev.completedAt && !p.steps.every((s) => isFinished(steps[s.id]?.status))) delete prev.completedAt;
    phases[p.id] = prev;
  }
  return {
    ...base,
    createdAt: saved.createdAt || base.createdAt,
    updatedAt: saved.updatedAt || base.updatedAt,
    sessions: saved.sessions,
    phases,
    steps,
    crates,
    queuePaused: saved.queuePaused,
    notices,
  };
}

/** Only the ReleaseState keys: anything transient a caller adds to the store is never saved. */
export function partializeState(s: ReleaseState): ReleaseState {
  const {
    schemaVersion,
    project,
    version,
    next,
    createdAt,
    updatedAt,
    sessions,
    phases,
    steps,
    crates,
    queuePaused,
    notices,
  } = s;
  return {
    schemaVersion,
    project,
    version,
    next,
    createdAt,
    updatedAt,
    sessions,
    phases,
    steps,
    crates,
    queuePaused,
    notices,
  };
}

/** `storage` null: in memory only (dry runs of a release never started, tests). */
export function createReleaseStore(
  storage: StateStorage<ReleaseState> | null,
  plan: Plan,
  opts: ReleaseStoreOptions = {},
): ReleaseStore {
  const nowIso = opts.nowIso ?? (() => new Date().toISOString());
  const initial = initialState(plan, nowIso());
  if (storage === null) {
    const api = createStore<ReleaseState>()(() => initial);
    return Object.assign(api, {
      flush() {},
      close() {},
      activate() {},
      active: false,
      file: null,
      storageStats: { writes: 0, requests: 0, unchanged: 0 },
    });
  }
  // Read (and refuse corrupt/newer files) before zustand sees it: persist swallows getItem errors.
  const saved = storage.load();
  let held = opts.deferred === true;
  let latest: [string, StorageValue<ReleaseState>] | undefined;
  const sync: PersistStorage<ReleaseState> = {
    getItem: () => saved as StorageValue<ReleaseState> | null,
    setItem: (name, value) => (held ? void (latest = [name, value]) : storage.setItem(name, value)),
    removeItem: (name) => storage.removeItem(name),
  };
  const activate = (): void => {
    if (!held) return;
    held = false;
    if (latest) storage.setItem(...latest);
    latest = undefined;
  };
  const api = createStore<ReleaseState>()(
    persist(() => initial, {
      name: 'state',
      storage: sync,
      version: STATE_SCHEMA_VERSION,
      migrate: (persisted, version) => migrateState(persisted, version),
      partialize: partializeState,
      merge: (persisted, current) => (persisted ? mergeWithPlan(normalizeState(persisted), plan, nowIso()) : current),
    }),
  );
  const store = Object.assign(api as StoreApi<ReleaseState>, {
    flush: () => storage.flush(),
    close: () => storage.close(),
    activate,
    file: storage.file,
    storageStats: storage.stats,
  });
  Object.defineProperty(store, 'active', { get: () => !held, enumerable: true });
  return store as ReleaseStore;
}
