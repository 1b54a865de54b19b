// Schema versions of state.json. A release can span tool upgrades (start on Monday, finish after
// `npm update` on Tuesday), so old states are migrated step by step, never thrown away; a state
// written by a newer tool is refused (we would silently drop what we do not understand).
import { UserError } from '../core/user-error.js';
import type { ReleaseState } from '../core/state-types.js';
import { STATE_SCHEMA_VERSION } from '../core/state-types.js';
import { validateState } from './state-schema.js';
import { checkNotNewer } from '../core/state-storage.js';

type Raw = Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n state into a version-(n+1) state. Append one entry whenever
 * STATE_SCHEMA_VERSION is bumped; never edit an old one. Version 1 is the first released schema.
 */
const MIGRATIONS: Record<number, (s: Raw) => Raw> = {
  // 1 -> 2: a failure that only lacked a yes was marked by the sentence "rerun with --yes" in its
  // reason; it is now the typed field `needs`.
  1: (s) => {
    if (!isObject(s.steps)) return s;
    const steps = Object.fromEntries(
      Object.entries(s.steps).map(([id, st]) =>
        isObject(st) &&
        st.status === 'failed' &&
        typeof st.reason === 'string' &&
        st.reason.includes('rerun with --yes')
          ? [id, { ...st, needs: 'confirmation' }]
          : [id, st],
      ),
    );
    return { ...s, steps };
  },
};

/** zustand persist `migrate`: from `fromVersion` up to STATE_SCHEMA_VERSION. */
export function migrateState(persisted: unknown, fromVersion: number): ReleaseState {
  checkNotNewer(fromVersion, 'state.json');
  let s: Raw = isObject(persisted) ? { ...persisted } : {};
  for (let v = fromVersion; v < STATE_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) {
      throw new UserError(`state.json has state schema ${fromVersion}, which this release-cockpit cannot migrate.`, {
        hint: 'Finish the release with the release-cockpit version that started it, or delete the state directory to start over.',
      });
    }
    s = step(s);
  }
  return normalizeState({ ...s, schemaVersion: STATE_SCHEMA_VERSION });
}

/** The state as this version reads it (state-schema.ts): defaults for what is missing, a notice for what is wrong. */
export function normalizeState(raw: unknown): ReleaseState {
  return validateState(raw);
}

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
