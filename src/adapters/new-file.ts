// Writing a file that must not replace an existing one unless asked (init's .releaserc.json):
// created exclusively (O_EXCL), so a file that appears meanwhile is never overwritten either.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { writeFileAtomicSync } from './atomic-write.js';
import { UserError } from '../core/user-error.js';

export function fileExists(abs: string): boolean {
  return existsSync(abs);
}

/** Writes `text` to `abs`; false (nothing written) when it exists and `replace` is not set. */
export function writeNewFile(abs: string, text: string, replace: boolean): boolean {
  try {
    return write(abs, text, replace);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new UserError(`cannot write ${abs} (${code}).`, { hint: 'Check the directory exists and is writable.' });
  }
}

function write(abs: string, text: string, replace: boolean): boolean {
  if (replace) {
    writeFileAtomicSync(abs, text, { mode: 0o644 });
    return true;
  }
  let fd: number;
  try {
    fd = openSync(abs, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}
