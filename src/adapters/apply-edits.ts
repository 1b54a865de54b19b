// Writes a set of prepared file changes all or none. Every new content goes to a temp file next
// to its target first (fsync'd, same mode); only when all temp files exist are they renamed over
// the targets. A failure while renaming puts the originals back, so a bump never leaves half
// the manifests at one version and half at the other.
import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../core/user-error.js';
import { fsyncDir } from './atomic-write.js';

export interface TextChange {
  /** Repo-relative path. */
  path: string;
  /** The content the change was computed from: the file must still hold it. */
  before: string;
  after: string;
}

/** The file operations used, injectable so tests can make one of them fail. */
export interface ApplyFs {
  readFileSync(path: string, enc: 'utf8'): string;
  writeFileSync(path: string, data: string, opts: { mode: number; flag: string }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  statSync(path: string): { mode: number };
}

let counter = 0;

function tempName(abs: string): string {
  return join(dirname(abs), `.${basename(abs)}.bump-${process.pid}-${++counter}`);
}

function writeSynced(fs: ApplyFs, path: string, data: string, mode: number): void {
  fs.writeFileSync(path, data, { mode, flag: 'wx' });
  // fsync through a real descriptor when the injected fs is the real one; fchmod because the
  // umask may have cleared bits the original had.
  if (fs === nodeFs) {
    const fd = nodeFs.openSync(path, 'r+');
    try {
      nodeFs.fchmodSync(fd, mode);
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
  }
}

function tryUnlink(fs: ApplyFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Writes every change or none. Throws a UserError when a file changed since it was read or a
 * write fails; in both cases the files on disk are as they were before the call.
 */
export function applyEdits(repo: string, changes: TextChange[], fs: ApplyFs = nodeFs): void {
  const staged: { abs: string; tmp: string; change: TextChange; mode: number }[] = [];
  try {
    for (const change of changes) {
      const abs = resolve(repo, change.path);
      const current = fs.readFileSync(abs, 'utf8');
      if (current !== change.before) {
        throw new UserError(`${change.path} changed since it was read; nothing was written.`, {
          hint: 'Run the command again.',
        });
      }
      const mode = fs.statSync(abs).mode & 0o7777;
      const tmp = tempName(abs);
      staged.push({ abs, tmp, change, mode });
      writeSynced(fs, tmp, change.after, mode);
    }
  } catch (e) {
    for (const s of staged) tryUnlink(fs, s.tmp);
    throw asUserError(e, 'nothing was written');
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      fs.renameSync(s.tmp, s.abs);
      done.push(s);
    }
  } catch (e) {
    const failedRestores = restore(fs, done);
    for (const s of staged.slice(done.length)) tryUnlink(fs, s.tmp);
    if (failedRestores.length) {
      throw new UserError(
        `writing the bump failed (${(e as Error).message}) and ${failedRestores.join(', ')} could not be restored; check them with \`git diff\`.`,
      );
    }
    throw asUserError(e, 'every file was restored');
  }
  for (const dir of new Set(staged.map((s) => dirname(s.abs)))) if (fs === nodeFs) fsyncDir(dir);
}

/** Puts the original contents back (through temp files too); returns the paths it could not restore. */
function restore(fs: ApplyFs, done: { abs: string; change: TextChange; mode: number }[]): string[] {
  const failed: string[] = [];
  for (const s of done) {
    const tmp = tempName(s.abs);
    try {
      writeSynced(fs, tmp, s.change.before, s.mode);
      fs.renameSync(tmp, s.abs);
    } catch {
      tryUnlink(fs, tmp);
      failed.push(s.change.path);
    }
  }
  return failed;
}

function asUserError(e: unknown, outcome: string): UserError {
  if (e instanceof UserError) return e;
  const err = e as NodeJS.ErrnoException;
  const what = err.path ? `${err.code ?? 'error'} on ${err.path}` : err.message;
  return new UserError(`writing the bump failed (${what}); ${outcome}.`);
}
