// Crash-safe file replacement: a reader (or the next session after kill -9) sees either the old
// content or the new one, never a mix. Sequence: write a tmp file in the same directory (rename is
// only atomic within one file system), fsync it, rename it over the target, fsync the directory
// (so the rename itself survives a power loss).
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
  copyFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the result; state files hold no secrets but are nobody else's business. */
  mode?: number;
  /** Keep the previous content of the target under this path (same directory), e.g. state.json.bak. */
  backup?: string;
  /**
   * false: no fsync. A crash of the process still leaves the old or the new content; a power loss
   * may leave neither. Only for files rebuilt from durable ones (the report, from state and journal).
   */
  durable?: boolean;
}

let counter = 0;

export function writeFileAtomicSync(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const mode = opts.mode ?? 0o600;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${++counter}`);
  const fd = openSync(tmp, 'w', mode);
  try {
    // The umask may have removed bits but never adds any; fchmod makes the mode exact.
    fchmodSync(fd, mode);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    if (opts.durable !== false) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    safeUnlink(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    if (opts.backup) keepBackup(path, opts.backup);
    renameSync(tmp, path);
  } catch (e) {
    safeUnlink(tmp);
    throw e;
  }
  if (opts.durable !== false) fsyncDir(dir);
}

/** Hard-links the current target to the backup name: no data copy, and the old inode survives the rename. */
function keepBackup(path: string, backup: string): void {
  const tmp = `${backup}.tmp-${process.pid}-${++counter}`;
  try {
    linkSync(path, tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first write: nothing to keep
    // File systems without hard links: copy instead (rare, slower, still correct).
    copyFileSync(path, tmp);
  }
  renameSync(tmp, backup);
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory (EISDIR/EPERM); the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function safeUnlink(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone
  }
}
