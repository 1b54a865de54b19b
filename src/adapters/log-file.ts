// Full output of a step on disk (`logs/<step-id>.log`), lines already masked. Lines are batched
// (~64 KiB per write, so a 1M-line flood costs ~1,500 writes) and written asynchronously so the
// kernel copy runs on libuv's pool, not on the thread that splits and masks the output; a short
// timer flushes slow output so `tail -f` on the log stays live.
import { close as closeCb, closeSync, fchmodSync, fsync as fsyncCb, mkdirSync, openSync, write } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { OutputLine } from './exec-types.js';

const fsync = promisify(fsyncCb);
const closeFd = promisify(closeCb);

export interface LogFile {
  readonly path: string;
  /** Never throws for IO errors: the first one is reported by close(). */
  write(line: OutputLine): void;
  /** Flushes, fsyncs and closes; rejects with the first write error. Later writes are ignored. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  /** Hand a batch to the writer once this many characters are pending. */
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
  try {
    // The mode argument only applies on creation: tighten an existing file too.
    fchmodSync(fd, 0o600);
  } catch (error) {
    closeSync(fd);
    throw error;
  }

  let pending = '';
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  // Batches waiting for the in-flight write, oldest first. Page-cache writes outrun any pipe,
  // so this stays small; it only grows if the disk is slower than the command's output.
  let queue: Buffer[] = [];
  let writing = false;
  let idle: (() => void) | undefined;
  // One timestamp per synchronous batch (a chunk of output), not one Date per line; the
  // "<stamp> [tag] " prefixes are built once per batch too.
  let prefixes: Record<OutputLine['stream'], string> | undefined;
  const expireStamp = (): void => {
    prefixes = undefined;
  };

  const pump = (): void => {
    if (writing) return;
    if (queue.length === 0 || failure !== undefined) {
      idle?.();
      return;
    }
    const data = queue.length === 1 ? queue[0]! : Buffer.concat(queue);
    queue = [];
    writing = true;
    const writeFrom = (offset: number): void => {
      write(fd, data, offset, data.length - offset, null, (error, written) => {
        if (error) {
          failure ??= error;
          queue = [];
        } else if (offset + written < data.length) {
          writeFrom(offset + written);
          return;
        }
        writing = false;
        pump();
      });
    };
    writeFrom(0);
  };

  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending.length === 0 || failure !== undefined) return;
    const data = Buffer.from(pending, 'utf8');
    pending = '';
    queue.push(data);
    pump();
  };

  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      if (!writing) return resolve();
      idle = () => {
        idle = undefined;
        resolve();
      };
    });

  return {
    path,
    write(line) {
      if (closed) return;
      if (prefixes === undefined) {
        const stamp = new Date().toISOString() + ' ';
        prefixes = { stdout: stamp + TAGS.stdout, stderr: stamp + TAGS.stderr, info: stamp + TAGS.info };
        queueMicrotask(expireStamp);
      }
      pending += prefixes[line.stream] + line.text + '\n';
      if (pending.length >= flushChars) flush();
      else if (timer === undefined) {
        timer = setTimeout(flush, flushDelayMs);
        timer.unref();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      flush();
      await drained();
      try {
        if (failure === undefined) await fsync(fd);
      } finally {
        await closeFd(fd);
      }
      if (failure !== undefined) throw failure;
    },
  };
}
