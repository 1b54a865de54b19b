// A zustand PersistStorage on state.json. Synchronous, so the store is hydrated before the first
// render. Writes are atomic (tmp + fsync + rename), 0600, and coalesced: persist calls setItem on
// every set(), and a 1,000-step run must not mean thousands of fsyncs. The first change after a
// quiet period is written at once (the most recent transition is what a crash must not lose),
// later ones at most every `minIntervalMs`; the trailing write always happens.
import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { isUserError, UserError } from '../core/user-error.js';
import { parseJsonText } from '../core/json-scan.js';
import { checkNotNewer } from '../core/state-storage.js';
import type { StateStorage, StorageStats } from '../core/state-storage.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { persistenceError } from './persist-error.js';

export type { StorageStats };

export interface FileStorageOptions {
  /** status and dry runs: never write, never move a corrupt file aside. */
  readOnly?: boolean;
  /** 50 ms = at most 20 writes per second. */
  minIntervalMs?: number;
  now?: () => number;
  /**
   * A write failed in the background (disk full...), once per cause until a write succeeds; the
   * next flush() throws it too. Default: said on stderr at exit only if no flush threw it, so a
   * lost state dir is one sentence (the caller's), not one line per change.
   */
  onError?: (e: Error) => void;
  /**
   * Applied to every string value written: a secret a step put into a reason or a note never
   * reaches the file, whichever field carries it.
   */
  mask?: (text: string) => string;
}

/** state.json: a corrupt file is moved aside (unless read-only) before load() refuses it. */
export interface FileStorage<S> extends PersistStorage<S>, Pick<StateStorage<S>, 'file' | 'stats' | 'flush' | 'close'> {
  load(): StorageValue<S> | null;
}

export function stateFile(stateDir: string): string {
  return join(stateDir, 'state.json');
}

export function createFileStorage<S>(stateDir: string, opts: FileStorageOptions = {}): FileStorage<S> {
  const file = stateFile(stateDir);
  const bak = `${file}.bak`;
  const interval = opts.minIntervalMs ?? 50;
  const now = opts.now ?? Date.now;
  const stats: StorageStats = { writes: 0, requests: 0, unchanged: 0 };
  let pending: StorageValue<S> | undefined;
  let lastText: string | undefined;
  let lastWriteAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const failures = writeFailures(opts.onError);

  const writeNow = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const text = serialize(pending, opts.mask);
    pending = undefined;
    if (text === lastText) {
      stats.unchanged++;
      return;
    }
    writeState(file, text, bak);
    failures.succeeded();
    lastText = text;
    lastWriteAt = now();
    stats.writes++;
  };

  const background = (): void => {
    try {
      writeNow();
    } catch (e) {
      failures.background(e as Error);
    }
  };

  // A run that ends without close() (uncaught error, process.exit in a handler) still saves, and
  // says why it could not when nobody was told.
  const onExit = (): void => {
    background();
    const untold = failures.take();
    if (untold && !opts.onError) reportWriteError(file, untold);
  };

  const storage: FileStorage<S> = {
    file,
    stats,
    load() {
      const loaded = loadStateFile<S>(file, opts.readOnly === true, now());
      if (loaded) lastText = loaded.text;
      return loaded?.value ?? null;
    },
    getItem() {
      return storage.load();
    },
    setItem(_name, value) {
      if (opts.readOnly) return;
      stats.requests++;
      pending = value;
      if (timer) return; // the trailing write will take it
      const wait = lastWriteAt + interval - now();
      if (wait <= 0) background();
      else {
        timer = setTimeout(background, wait);
        // The exit hook writes what is pending: the timer must not keep a finished process alive.
        timer.unref();
      }
    },
    removeItem() {
      if (opts.readOnly) return;
      pending = undefined;
      removeFile(file);
    },
    flush() {
      failures.flush(writeNow);
    },
    close() {
      process.removeListener('exit', onExit);
      storage.flush();
    },
  };
  if (!opts.readOnly) process.on('exit', onExit);
  return storage;
}

/** A replacer masks values, not the serialized text: JSON escaping cannot hide a secret from it. */
export function serialize(value: unknown, mask: ((text: string) => string) | undefined): string {
  const replacer = mask ? (_k: string, v: unknown) => (typeof v === 'string' ? mask(v) : v) : undefined;
  return `${JSON.stringify(value, replacer, 1)}\n`;
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // absent already
  }
}

function reportWriteError(file: string, err: Error): void {
  const text = isUserError(err) ? err.format() : `could not save ${file}: ${err.message}`;
  process.stderr.write(`release-cockpit: ${text}\n`);
}

/**
 * Failed background writes: the first of a streak is held for the next flush() to throw, and each
 * cause is reported once until a write succeeds (a lost state dir fails every change after it).
 */
function writeFailures(onError: ((e: Error) => void) | undefined) {
  let held: Error | undefined;
  let reported: string | undefined;
  return {
    succeeded(): void {
      reported = undefined;
    },
    background(e: Error): void {
      held ??= e;
      if (reported === errnoOf(e)) return;
      reported = errnoOf(e);
      onError?.(e);
    },
    /** Runs `write`, then throws its failure (its cause is then told) or the held one. */
    flush(write: () => void): void {
      try {
        write();
      } catch (e) {
        held = undefined;
        reported = errnoOf(e);
        throw e;
      }
      const e = held;
      held = undefined;
      if (e) throw e;
    },
    /** The held failure no flush has thrown yet, handed over once. */
    take(): Error | undefined {
      const e = held;
      held = undefined;
      return e;
    },
  };
}

function errnoOf(e: unknown): string {
  return (e as { code?: unknown })?.code?.toString() ?? 'error';
}

/** Reads and checks state.json: null when absent; UserError when corrupt (moved aside) or newer. */
function loadStateFile<S>(
  file: string,
  readOnly: boolean,
  nowMs: number,
): { text: string; value: StorageValue<S> } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`cannot read ${file}: ${(e as Error).message}.`, { hint: 'Check its permissions.' });
  }
  const value = parseEnvelope<S>(text);
  if (isCorruption(value)) throw corrupt(file, `${file}.bak`, value, readOnly, nowMs);
  checkNotNewer(value.version ?? 0, file);
  const sv = (value.state as { schemaVersion?: unknown }).schemaVersion;
  if (typeof sv === 'number') checkNotNewer(sv, file);
  return { text, value };
}

/** A failed write is one sentence naming the file and the errno (disk full, permissions, a directory). */
function writeState(file: string, text: string, bak: string): void {
  try {
    writeFileAtomicSync(file, text, { mode: 0o600, backup: bak });
  } catch (e) {
    throw persistenceError(file, 'state file', e);
  }
}

/** What is wrong with a state file's text: why, and where when it is a JSON syntax error. */
interface Corruption {
  why: string;
  line?: number;
  column?: number;
}

/** The envelope persist writes: { state, version }; or what is wrong with it. */
function parseEnvelope<S>(text: string): StorageValue<S> | Corruption {
  if (text.trim() === '') return { why: 'the file is empty' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // Only a broken file pays for the parser that says where and what was expected.
    let e: unknown;
    try {
      parseJsonText(text, 'state.json');
    } catch (err) {
      e = err;
    }
    if (!isUserError(e)) return { why: 'it is not JSON' };
    const { line, column, hint } = e.details;
    const why = `${e.message.replace(/^invalid JSON: /, '').replace(/\.$/, '')}${hint ? ` (${hint.replace(/\.$/, '')})` : ''}`;
    return { why, line, column };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { why: 'not a JSON object' };
  const o = v as { state?: unknown; version?: unknown };
  if (typeof o.state !== 'object' || o.state === null || Array.isArray(o.state)) return { why: 'no "state" object' };
  if (o.version !== undefined && typeof o.version !== 'number') return { why: '"version" is not a number' };
  return o as StorageValue<S>;
}

const isCorruption = <S>(v: StorageValue<S> | Corruption): v is Corruption => 'why' in v;

/**
 * Never overwrite a corrupt state: it is moved aside (what the maintainer may need is kept), and
 * the sentence says where it is broken and the ways back that exist: the last good copy, fixing
 * the kept file and moving it back, or starting over.
 */
function corrupt(file: string, bak: string, c: Corruption, readOnly: boolean, ts: number): UserError {
  const where = c.line !== undefined ? ` at line ${c.line}, column ${c.column ?? 1}` : '';
  const problem = `${file} is not valid saved state${where}: ${c.why}`;
  const restore = existsSync(bak) ? `restore the last good copy with \`cp ${bak} ${file}\`` : undefined;
  const ways = (...w: (string | undefined)[]): string => {
    const list = w.filter((x): x is string => x !== undefined);
    return `To recover: ${list.slice(0, -1).join(', ')}${list.length > 1 ? ', or ' : ''}${list.at(-1)}.`;
  };
  if (readOnly) {
    return new UserError(`${problem}.`, {
      hint: ways(
        c.line !== undefined ? `fix line ${c.line} of it` : undefined,
        restore,
        `move it aside (\`mv ${file} ${file}.corrupt\`) and run again to start over (finished steps would run again)`,
      ),
    });
  }
  const aside = `${file}.corrupt-${new Date(ts).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  const fix = `${c.line !== undefined ? `fix line ${c.line} of ${aside}` : `fix ${aside}`} and move it back (\`mv ${aside} ${file}\`)`;
  const start = 'run again to start over (finished steps would run again)';
  return new UserError(`${problem}; it was kept as ${aside} and nothing was overwritten.`, {
    hint: ways(restore, fix, start),
  });
}
