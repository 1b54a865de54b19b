// A release's saved state, read-only (status, bump's phase-order check): migrated in memory, never
// rewritten, no lock taken.
import { createFileStorage } from '../adapters/file-storage.js';
import { migrateState, normalizeState } from '../store/migrate.js';
import { STATE_SCHEMA_VERSION, type ReleaseState } from '../core/state-types.js';

export function loadSavedState(dir: string): ReleaseState | undefined {
  const value = createFileStorage<ReleaseState>(dir, { readOnly: true }).load();
  if (!value) return undefined;
  const version = typeof value.version === 'number' ? value.version : STATE_SCHEMA_VERSION;
  return version === STATE_SCHEMA_VERSION ? normalizeState(value.state) : migrateState(value.state, version);
}
