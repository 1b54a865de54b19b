// Full output of a step on disk (`logs/<step-id>.log`), lines already masked. Text is gathered
// as pieces (core/batched-output.ts) and written synchronously (adapters/text-writer.ts) once a
// batch is large (a chunk of command output usually is one: ~64 KiB per write, like `tee`), or a
// short timer after a small one, so `tail -f` on the log stays live and a slow trickle of lines
// costs few writes. Nothing is held after a write: memory is one batch, whatever the output size.
// A log that cannot be opened or written (disk full, permissions) never throws at the step: its
// first error becomes one sentence (persist-error.ts) that the engine shows and acts on.
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutputLine } from '../core/output-line.js';
import { createTextWriter } from './text-writer.js';
import { createBatchedOutput } from '../core/batched-output.js';
import { joinLines } from '../core/line-prefix.js';
import { persistenceError, type PersistenceError } from './persist-error.js';

/**
 * One line per output line: `[out] text`, `[err] text` or `[info] text`, the first line of each
 * batch (each chunk of output) prefixed with its time, e.g.
 * `2026-11-21T10:00:00.000Z [out]    Compiling foo v1.0.0`; so every line keeps its stream and
 * time is never more than a chunk away.
 */
export interface LogFile {
  readonly path: string;
  /** Never throws for IO errors: the first one is kept (failure()) and nothing more is written. */
  write(line: OutputLine): void;
  /**
   * Same as write() for each line of `text`, which is whole lines each ending with \n (exec's
   * onChunk): the same bytes as one write() per line, in one native operation.
   */
  writeLines(stream: OutputLine['stream'], text: string): void;
  /** Writes what is pending now; throws the log's failure if it has one (before an irreversible action). */
  flush(): void;
  /** The first error opening or writing the log, as one sentence; undefined while the log is whole. */
  failure(): PersistenceError | undefined;
  /** Writes what is pending and closes; never rejects for IO errors (see failure()). Later writes are ignored. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  /** Write once this many characters are pending. */
  flushChars?: number;
  /** Write pending text at most this long after it was added. */
  flushDelayMs?: number;
  /** Called once, at the first error opening or writing the log (the step's output goes on without it). */
  onFailure?: (e: PersistenceError) => void;
}

const TAGS: Record<OutputLine['stream'], string> = { stdout: '[out] ', stderr: '[err] ', info: '[info] ' };
/** What each \n but the last of a writeLines() text becomes: the line end and the next line's tag. */
const NEXT_LINE_TAGS = {
  stdout: `\n${TAGS.stdout}`,
  stderr: `\n${TAGS.stderr}`,
  info: `\n${TAGS.info}`,
} satisfies Record<OutputLine['stream'], string>;

/** Opens (appends to) a log file with mode 0600, creating its parent directory (0700). */
function openAppend(path: string): number {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  try {
    // The mode argument only applies on creation: tighten an existing file too (a device or a
    // pipe the path leads to is not the release's file to change).
    if (fstatSync(fd).isFile()) fchmodSync(fd, 0o600);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** The time of the first line of each synchronous batch (a chunk of output): one Date per chunk. */
function createStamper(): () => string {
  let due = true;
  const expire = (): void => {
    due = true;
  };
  return () => {
    if (!due) return '';
    due = false;
    queueMicrotask(expire);
    return `${new Date().toISOString()} `;
  };
}

export function openLogFile(path: string, options: LogFileOptions = {}): LogFile {
  const flushChars = options.flushChars ?? 64 * 1024;
  const flushDelayMs = options.flushDelayMs ?? 200;
  let failure: PersistenceError | undefined;
  const fail = (error: unknown): void => {
    failure = persistenceError(path, 'step log', error);
    options.onFailure?.(failure);
  };
  let fd: number | undefined;
  try {
    fd = openAppend(path);
  } catch (error) {
    fail(error);
  }
  const stamp = createStamper();
  const writeText = fd === undefined ? undefined : createTextWriter(fd);
  let closed = false;
  const batch = createBatchedOutput(
    (pieces) => {
      if (failure !== undefined || writeText === undefined) return;
      try {
        writeText(pieces);
      } catch (error) {
        fail(error);
      }
    },
    { maxChars: flushChars, delayMs: flushDelayMs, unref: true },
  );
  // After close or a failure nothing more reaches the disk: do not format what would be dropped.
  const dropping = (): boolean => closed || failure !== undefined;

  return {
    path,
    write(line) {
      if (!dropping()) batch.write(`${stamp()}${TAGS[line.stream]}${line.text}\n`);
    },
    writeLines(stream, text) {
      if (dropping() || text.length === 0) return;
      batch.write(stamp(), TAGS[stream], joinLines(text, NEXT_LINE_TAGS[stream]), '\n');
    },
    flush() {
      if (!closed) batch.flush();
      if (failure !== undefined) throw failure;
    },
    failure: () => failure,
    async close() {
      if (closed) return;
      batch.flush();
      closed = true;
      // No fsync: the log is for reading, the fsync'd journal is the durable record, and
      // flushing ~100 MB of a flood to disk would stall the end of every step.
      if (fd !== undefined) closeSync(fd);
    },
  };
}
