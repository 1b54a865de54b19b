// A write of the release's own files (journal, state) failed: one sentence naming the file, the
// errno and the fix. Never a stack trace: the disk, the permissions or a stray directory are the
// environment's, not a bug. Whoever gets one stops before the next irreversible action.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../core/user-error.js';

export class PersistenceError extends UserError {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    fix: string,
  ) {
    // The fix is part of the message: a step or a crate that fails with it keeps `message` as its
    // reason, and the maintainer must read how to fix it there too.
    super(`${message} ${fix}`);
  }
}

const FIXES: Record<string, (file: string) => string> = {
  ENOSPC: () => 'The disk is full: free some space, then run again to resume.',
  EDQUOT: () => 'The disk quota is used up: free some space, then run again to resume.',
  EPERM: (f) => `Check the owner, the permissions and the immutable flag (lsattr ${f}), then run again to resume.`,
  EACCES: (f) => `Check the owner and the permissions of ${f} and ${dirname(f)} (ls -ld), then run again to resume.`,
  EISDIR: (f) => `Something made ${f} a directory: move it aside, then run again to resume.`,
  ENOENT: (f) =>
    `${existsSync(dirname(f)) ? f : `The state directory ${dirname(f)}`} was removed while the release ran: run again to resume (finished work is checked against reality).`,
  EROFS: () => 'The file system is read-only: remount it writable, then run again to resume.',
  EIO: () => 'The disk reported an I/O error: check it, then run again to resume.',
};

/** The sentence for a failed write of `file`; `what` says which of the release's files it is. */
export function persistenceError(
  file: string,
  what: string,
  e: unknown,
  op: 'write' | 'read' = 'write',
): PersistenceError {
  if (e instanceof PersistenceError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
  const fix = FIXES[code]?.(file) ?? `(${(e as Error)?.message ?? String(e)}) Fix the cause, then run again to resume.`;
  const stop = op === 'write' ? 'nothing irreversible runs after a failed write' : 'nothing runs until it can be read';
  return new PersistenceError(file, code, `could not ${op} the ${what} ${file} (${code}); ${stop}.`, fix);
}

export function isPersistenceError(e: unknown): e is PersistenceError {
  return e instanceof PersistenceError;
}
