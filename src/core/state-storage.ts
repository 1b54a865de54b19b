// The port the release store persists through (implemented by src/adapters/file-storage.ts), and
// the one check every reader of a saved state makes: a state written by a newer tool is refused
// (we would silently drop what we do not understand).
import { UserError } from './user-error.js';
import { STATE_SCHEMA_VERSION } from './state-types.js';

/** The envelope zustand's persist writes. */
export interface StoredState<S> {
  state: S;
  version?: number;
}

export interface StorageStats {
  /** Files actually written. */
  writes: number;
  /** setItem calls (one per store change). */
  requests: number;
  /** Writes avoided because the content had not changed. */
  unchanged: number;
}

export interface StateStorage<S> {
  readonly file: string;
  readonly stats: StorageStats;
  /** Reads and checks the saved state: null when absent; UserError when corrupt or newer. */
  load(): StoredState<S> | null;
  setItem(name: string, value: StoredState<S>): void;
  removeItem(name: string): void;
  /** Writes the pending change now (exit paths, after an irreversible action). */
  flush(): void;
  /** Flushes and stops timers and the exit hook. */
  close(): void;
}

export function checkNotNewer(version: number, file: string): void {
  if (version > STATE_SCHEMA_VERSION) {
    // Never a registry install: this project publishes no package, and a name on a registry is not ours to vouch for.
    throw new UserError(
      `${file} was written by a newer release-cockpit (state schema ${version}, this one reads up to ${STATE_SCHEMA_VERSION}); upgrade release-cockpit.`,
      {
        hint: 'Update the release-cockpit checkout this command runs from (`git pull && npm ci && npm run build` there), then run it again.',
      },
    );
  }
}
