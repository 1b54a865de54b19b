// The release on disk as an engine opens and closes it: the state dir, the lock, the store and the
// journal. Dry runs touch nothing on disk: no lock, no state dir created, the saved state read
// into a store that never writes, the journal read-only.
import type { Plan } from '../core/plan-types.js';
import { acquireLock, liveLock, type LockHandle, type LockInfo } from '../adapters/lock.js';
import { discardStateDir, isDirectory, openStateDir, releaseDirPresence, stateDirPath } from '../adapters/state-dir.js';
import { createFileStorage, serialize, stateFile } from '../adapters/file-storage.js';
import { restoreStateDir } from '../adapters/state-restore.js';
import { PersistenceError } from '../adapters/persist-error.js';
import { createReleaseStore, partializeState, type ReleaseStore } from '../store/release-store.js';
import { STATE_SCHEMA_VERSION, type ReleaseState } from '../core/state-types.js';
import { openJournal, type FileJournal } from './journal.js';

export interface ReleaseFiles {
  /** What was on disk before this open (a release that never starts leaves nothing behind). */
  presence: ReturnType<typeof releaseDirPresence>;
  stateDir: string;
  /** Held by a real session; a dry run takes none. */
  lock?: LockHandle;
  /** A dry run beside a live session: that session's lock. */
  live?: LockInfo;
  store: ReleaseStore;
  journal: FileJournal;
  /** Secrets out of what is written (the state written back after its dir was removed). */
  mask: (text: string) => string;
}

export interface ReleaseFilesOptions {
  dryRun: boolean;
  now: () => number;
  nowIso: () => string;
  persistIntervalMs?: number;
  mask: (text: string) => string;
}

export function openReleaseFiles(repo: string, plan: Plan, o: ReleaseFilesOptions): ReleaseFiles {
  const { dryRun, now, mask } = o;
  const presence = releaseDirPresence(repo, plan.version);
  const stateDir = dryRun ? stateDirPath(repo, plan.version) : openStateDir(repo, plan.version);
  const lock = dryRun ? undefined : acquireLock(stateDir, { now });
  // A dry run beside a live session reads what it last saved: its running step is running, not interrupted.
  const live = dryRun ? liveLock(stateDir) : undefined;
  let store: ReleaseStore | undefined;
  try {
    // A release without a saved state is written only once it starts (see release-start.ts).
    const storage = createFileStorage<ReleaseState>(stateDir, {
      readOnly: dryRun,
      now,
      minIntervalMs: o.persistIntervalMs,
      mask,
    });
    store = createReleaseStore(storage, plan, { deferred: !dryRun && !presence.hasState, nowIso: o.nowIso });
    const journal = openJournal(dryRun && !isDirectory(stateDir) ? null : stateDir, { mask, now, readOnly: dryRun });
    return { presence, stateDir, lock, live, store, journal, mask };
  } catch (e) {
    store?.close();
    lock?.release();
    throw e;
  }
}

/**
 * Closes the store, the journal and the lock. `discardUnstarted`: a release opened, looked at and
 * closed without starting leaves nothing behind.
 */
export function closeReleaseFiles(f: ReleaseFiles, o: { dryRun: boolean; discardUnstarted: boolean }): void {
  let failure: unknown;
  try {
    f.store.close();
  } catch (e) {
    failure = e;
  }
  try {
    f.journal.close();
  } finally {
    f.lock?.release();
  }
  if (o.discardUnstarted && !o.dryRun && !f.presence.existed && !f.store.active) discardStateDir(f.stateDir);
  // The state dir was removed while this session ran: its records are written back (after the lock
  // is let go: the lock went with the dir), and the sentence says so.
  if (!o.dryRun && f.store.active && !isDirectory(f.stateDir) && writeBack(f)) failure = restoredError(f);
  if (failure !== undefined) throw failure;
}

/** The state and every journal entry this session knows, written as the removed state dir again. */
function writeBack(f: ReleaseFiles): boolean {
  const state = { state: partializeState(f.store.getState()), version: STATE_SCHEMA_VERSION };
  const journal = f.journal.known().map((e) => `${JSON.stringify(e)}\n`);
  return restoreStateDir(f.stateDir, {
    'state.json': serialize(state, f.mask),
    ...(journal.length > 0 && { 'journal.jsonl': journal.join('') }),
  });
}

/** The failed save's sentence (the store's, whose only file is state.json), saying the records were written back. */
function restoredError(f: ReleaseFiles): PersistenceError {
  const file = stateFile(f.stateDir);
  const message = `could not write the state file ${file} (ENOENT); nothing irreversible runs after a failed write.`;
  const fix = `The state directory ${f.stateDir} was removed while the release ran; what this session knew was written back to it: run again to resume.`;
  return new PersistenceError(file, 'ENOENT', message, fix);
}
