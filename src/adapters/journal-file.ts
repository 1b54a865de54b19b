// journal.jsonl on disk: read whole, appended with an fsync per entry (an intent that is not on
// disk before the action is worthless, and neither is one in a file that was removed meanwhile),
// and its torn tail repaired. What the lines mean is the
// engine's (src/engine/journal.ts).
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { persistenceError } from './persist-error.js';

export interface JournalFile {
  readonly file: string;
  /** The whole file; '' when it does not exist. */
  read(): string;
  /** Writes one chunk and fsyncs it; the file is created (0600) at the first append. */
  append(text: string): void;
  /** Cuts a torn tail at `cleanLength` bytes, or completes a whole last entry with its newline. */
  repairTail(length: number, cleanLength: number, keepTail: boolean): void;
  close(): void;
}

export function journalFile(stateDir: string): string {
  return join(stateDir, 'journal.jsonl');
}

export function openJournalFile(file: string): JournalFile {
  // Opened at the first append: reading a release that never acted leaves no journal behind.
  let fd: number | undefined;
  const openFd = (): number => {
    try {
      return openSync(file, 'a', 0o600);
    } catch (e) {
      throw persistenceError(file, 'journal', e);
    }
  };
  return {
    file,
    read() {
      try {
        return readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw persistenceError(file, 'journal', e, 'read');
      }
    },
    // An entry that is not on disk did not happen as far as a resume knows: a failed write throws.
    append(text) {
      const out = (fd ??= openFd());
      try {
        const buf = Buffer.from(text, 'utf8');
        let off = 0;
        while (off < buf.length) off += writeSync(out, buf, off, buf.length - off);
        fsyncSync(out);
        // Removed meanwhile (the state dir deleted): the write "succeeded" into a file no resume reads.
        if (fstatSync(out).nlink === 0) throw Object.assign(new Error('the file was removed'), { code: 'ENOENT' });
      } catch (err) {
        throw persistenceError(file, 'journal', err);
      }
    },
    repairTail(length, cleanLength, keepTail) {
      const repairFd = openSync(file, 'r+');
      try {
        if (keepTail) writeSync(repairFd, '\n', length);
        else ftruncateSync(repairFd, cleanLength);
        fsyncSync(repairFd);
      } finally {
        closeSync(repairFd);
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
