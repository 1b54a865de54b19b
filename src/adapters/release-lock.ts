// The release lock for commands that write without opening the engine (`bump`): the same `lock`
// file in the same state dir as a run, so a bump and a running queue exclude each other. A state
// dir created only to hold the lock is removed again (a release exists once something ran).
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../core/user-error.js';
import { acquireLock, type LockHandle } from './lock.js';
import { stateDirPath } from './state-dir.js';

export function lockRelease(repo: string, version: string): LockHandle {
  const dir = stateDirPath(repo, version);
  const created = !existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot create the release state directory ${dir} (${code}).`, {
      hint: `Check the owner and permissions of ${dirname(dir)} (ls -ld).`,
    });
  }
  const lock = acquireLock(dir);
  if (!created) return lock;
  return {
    info: lock.info,
    notice: lock.notice,
    release() {
      lock.release();
      try {
        rmdirSync(dir); // only when still empty: a run that started meanwhile keeps its files
        rmdirSync(dirname(dir)); // the state root, when no other release has state there
      } catch {
        // not empty, or already gone
      }
    },
  };
}
