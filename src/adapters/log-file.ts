// Full output of a step on disk (`logs/<step-id>.log`), lines already masked. Writes are
// batched: one writeSync per ~64 KiB instead of one per line, so a 1M-line flood costs ~1,500
// syscalls; a short timer flushes slow output so `tail -f` on the log stays live.
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutputLine } from './exec-types.js';

export interface LogFile {
  readonly path: string;
  write(line: OutputLine): void;
  /** Flushes, fsyncs and closes; further writes are ignored. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  /** Flush once this many characters are pending. */
  flushChars?: number;
  /** Flush pending output at most this long after it was written. */
  flushDelayMs?: number;
}

const TAGS: Record<OutputLine['stream'], string> = { stdout: '[out] ', stderr: '[err] ', info: '[info] ' };

/** Opens (appends to) a log file with mode 0600, creating its parent directory (0700). */
export function openLogFile(path: string, options: LogFileOptions = {}): LogFile {
  const flushChars = options.flushChars ?? 64 * 1024;
  const flushDelayMs = options.flushDelayMs ?? 200;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  // The mode argument only applies on creation: tighten an existing file too.
  fchmodSync(fd, 0o600);

  let pending = '';
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  // One timestamp per synchronous batch (a chunk of output), not one Date per line.
  let stamp = '';
  const expireStamp = (): void => {
    stamp = '';
  };

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending.length === 0) return;
    const data = pending;
    pending = '';
    writeSync(fd, data);
  };

  return {
    path,
    write(line) {
      if (closed) return;
      if (stamp === '') {
        stamp = new Date().toISOString() + ' ';
        queueMicrotask(expireStamp);
      }
      pending += stamp + TAGS[line.stream] + line.text + '\n';
      if (pending.length >= flushChars) flush();
      else if (timer === undefined) {
        timer = setTimeout(flush, flushDelayMs);
        timer.unref();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
