// The releases of this repository other than the one the cockpit runs, for the history view (h)
// and the rollback menu of an older release. Each one's engine (lock, state, journal) is opened
// only while acting on it and closed right after: an idle cockpit holds no lock but its own.
import type { EngineApi } from '../engine/engine-api.js';
import type { ReleaseSummary } from '../engine/release-history.js';

export interface HistoryEntry extends ReleaseSummary {
  /** "finished 5 min ago", "failed at publish 2 h ago", as of the listing. */
  label: string;
}

export interface ReleaseShelf {
  /** Every release that ran anything, newest first. */
  list(): Promise<HistoryEntry[]>;
  /** Opens that release's engine, runs fn with it, closes it (the lock is released) whatever fn did. */
  withEngine<T>(version: string, fn: (engine: EngineApi) => Promise<T>): Promise<T>;
}
