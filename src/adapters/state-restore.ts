// A state dir removed while its session ran (a tmp cleaner, an `rm -rf` in another terminal): at
// the session's end what it holds in memory (the state, every journal entry, those whose write
// failed included) is written back, so the next session resumes with the records instead of
// finding the release gone. Only while the repository's git dir still exists, and atomically:
// the files are written to a sibling directory renamed into place, so a session that made the
// state dir meanwhile keeps its own.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncDir, writeFileAtomicSync } from './atomic-write.js';

/** Writes `files` (name -> text, 0600) as the removed state dir `dir`; true when it was written back. */
export function restoreStateDir(dir: string, files: Record<string, string>): boolean {
  const root = dirname(dir);
  if (existsSync(dir) || !existsSync(dirname(root))) return false;
  const tmp = `${dir}.restore-${process.pid}`;
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    mkdirSync(join(tmp, 'logs'), { recursive: true, mode: 0o700 });
    for (const [name, text] of Object.entries(files)) writeFileAtomicSync(join(tmp, name), text, { mode: 0o600 });
    renameSync(tmp, dir); // fails when a session made `dir` meanwhile: its state wins
    fsyncDir(root);
    return true;
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    return false;
  }
}
