// One session per release: `lock` in the state dir holds {pid, host, startedAt}. Created with an
// exclusive hard link of a fully written tmp file, so a competitor never reads a half-written lock
// (plain O_EXCL open + write leaves an empty file if killed in between). A lock whose pid is dead
// on this host is stale (kill -9, power loss) and taken over with a notice.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { UserError } from '../core/user-error.js';
import { writeFileAtomicSync } from './atomic-write.js';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockHandle {
  readonly info: LockInfo;
  /** Set when a stale lock was taken over (show it once). */
  readonly notice?: string;
  /** Idempotent; only removes the lock if it is still ours. */
  release(): void;
}

export interface LockOptions {
  pid?: number;
  host?: string;
  now?: () => number;
}

export function lockPath(stateDir: string): string {
  return join(stateDir, 'lock');
}

export function readLock(stateDir: string): LockInfo | undefined {
  try {
    return parseLock(readFileSync(lockPath(stateDir), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The lock of a session that is still running (on another host: assumed running), if any. */
export function liveLock(stateDir: string, host: string = hostname()): LockInfo | undefined {
  const held = readLock(stateDir);
  return held && (held.host !== host || isAlive(held.pid)) ? held : undefined;
}

/** What one attempt at a lock file found: taken (a stale holder's lock taken over), or why not. */
export type LockAttempt =
  | { taken: LockHandle }
  | { held: LockInfo } // by a live process on this host, or by any process on another host
  | { unreadable: true }
  | { contended: true }; // released and retaken by others while we looked, twice

/** Tries to take the lock file at `path` once, taking over a lock whose process is gone. */
export function tryLock(path: string, opts: LockOptions = {}): LockAttempt {
  const info: LockInfo = {
    pid: opts.pid ?? process.pid,
    host: opts.host ?? hostname(),
    startedAt: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  const body = `${JSON.stringify(info)}\n`;
  let notice: string | undefined;
  // Two rounds at most: the second follows a stale-lock takeover.
  for (let round = 0; round < 2; round++) {
    if (tryLink(path, body)) return { taken: makeHandle(path, info, body, notice) };
    const raw = readOrEmpty(path);
    if (raw === undefined) continue; // released between our attempt and our read: try again
    const held = parseLock(raw);
    if (!held) return { unreadable: true };
    if (held.host !== info.host || isAlive(held.pid)) return { held };
    takeOver(path, raw);
    notice = `Took over a stale lock: pid ${held.pid} on ${held.host} (started ${held.startedAt}) is no longer running.`;
  }
  return { contended: true };
}

export function acquireLock(stateDir: string, opts: LockOptions = {}): LockHandle {
  const path = lockPath(stateDir);
  const got = tryLock(path, opts);
  if ('taken' in got) return got.taken;
  if ('unreadable' in got)
    throw new UserError(`the lock file ${path} is unreadable.`, {
      hint: 'If no other release-cockpit is running this release, delete it and start again.',
    });
  if ('contended' in got)
    throw new UserError(`could not take the lock ${path}: another process keeps taking it.`, {
      hint: 'Check for another release-cockpit running this release.',
    });
  const { held } = got;
  if (held.host !== (opts.host ?? hostname()))
    throw new UserError(`this release is locked by pid ${held.pid} on host ${held.host} (since ${held.startedAt}).`, {
      hint: `If you are sure that session is gone, delete ${path} and start again.`,
    });
  throw new UserError(
    `another release-cockpit (pid ${held.pid} on ${held.host}, started ${held.startedAt}) is running this release.`,
    { hint: `Wait for it or stop it; if you are sure it is gone, delete ${path}.` },
  );
}

/** process.kill(pid, 0): ESRCH = gone; EPERM = alive but someone else's. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLink(path: string, body: string): boolean {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileAtomicSync(tmp, body, { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    safeUnlink(tmp);
  }
}

/**
 * Moves the stale lock aside, then checks the moved file is the one we judged stale: two
 * sessions starting at once could otherwise each remove the lock the other just took.
 */
function takeOver(path: string, staleRaw: string): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it
    throw e;
  }
  const moved = readOrEmpty(aside);
  if (moved !== staleRaw) {
    // We moved a fresh lock of a competitor: put it back and let the next round refuse.
    try {
      linkSync(aside, path);
    } catch {
      // a third session took it meanwhile; it is theirs now
    }
  }
  safeUnlink(aside);
}

function makeHandle(path: string, info: LockInfo, body: string, notice: string | undefined): LockHandle {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only remove our own lock: after a takeover by someone else it is not ours any more.
    if (readOrEmpty(path) === body) safeUnlink(path);
  };
  // Normal exit and process.exit() from signal handlers both end up here (synchronous by design).
  process.on('exit', release);
  return { info, notice, release };
}

function parseLock(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, host: v.host, startedAt: v.startedAt };
    }
  } catch {
    // fall through
  }
  return undefined;
}

function readOrEmpty(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

function safeUnlink(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone
  }
}
