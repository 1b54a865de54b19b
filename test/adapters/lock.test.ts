import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { acquireLock, isAlive, lockPath, readLock } from '../../src/adapters/lock.js';
import { UserError } from '../../src/core/user-error.js';
import { lockHolder } from '../helpers/process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tmp = useTempDirs('rc-lock-');

describe('acquireLock', () => {
  it('creates lock (0600) with pid, host and start time, and removes it on release', () => {
    const d = tmp();
    const lock = acquireLock(d);
    const info = readLock(d)!;
    expect(info.pid).toBe(process.pid);
    expect(info.host).toBe(hostname());
    expect(Number.isNaN(Date.parse(info.startedAt))).toBe(false);
    expect(statSync(lockPath(d)).mode & 0o777).toBe(0o600);
    expect(lock.notice).toBeUndefined();
    lock.release();
    expect(existsSync(lockPath(d))).toBe(false);
    lock.release(); // idempotent
  });

  it('refuses while another live process holds it, naming pid, host and start time', async () => {
    const d = tmp();
    const other = await lockHolder(lockPath(d));
    try {
      let err: unknown;
      try {
        acquireLock(d);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      const msg = (err as UserError).format();
      expect(msg).toContain(`pid ${other.pid}`);
      expect(msg).toContain(hostname());
      expect(msg).toContain(readLock(d)!.startedAt);
      expect(readLock(d)!.pid).toBe(other.pid); // untouched
    } finally {
      await other.kill();
    }
  });

  it('takes over the lock of a dead process with a notice', async () => {
    const d = tmp();
    const other = await lockHolder(lockPath(d));
    await other.kill();
    expect(isAlive(other.pid)).toBe(false);
    const lock = acquireLock(d);
    expect(lock.notice).toMatch(new RegExp(`stale lock: pid ${other.pid}`));
    expect(readLock(d)!.pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock from another host with a hint to remove it', () => {
    const d = tmp();
    writeFileSync(
      lockPath(d),
      JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: '2025-01-01T00:00:00.000Z' }),
    );
    expect(() => acquireLock(d)).toThrow(/locked by pid 1 on host elsewhere\.example/);
    try {
      acquireLock(d);
    } catch (e) {
      expect((e as UserError).format()).toContain(`delete ${lockPath(d)}`);
    }
  });

  it('refuses a second lock in the same process', () => {
    const d = tmp();
    const lock = acquireLock(d);
    expect(() => acquireLock(d)).toThrow(UserError);
    lock.release();
    acquireLock(d).release();
  });

  it('does not remove a lock that is no longer its own', () => {
    const d = tmp();
    const lock = acquireLock(d);
    writeFileSync(lockPath(d), JSON.stringify({ pid: 42, host: 'h', startedAt: 'x' }));
    lock.release();
    expect(readFileSync(lockPath(d), 'utf8')).toContain('"pid":42');
  });

  it('is released by the exit of the process', async () => {
    const d = tmp();
    const src = new URL('../../src/adapters/lock.ts', import.meta.url).pathname;
    const code = `import { acquireLock } from ${JSON.stringify(src)}; acquireLock(${JSON.stringify(d)}); process.exit(0);`;
    const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
    await new Promise<void>((res, rej) => {
      const c = spawn(tsx, ['-e', code], { stdio: 'inherit' });
      c.once('exit', (status) => (status === 0 ? res() : rej(new Error(`exit ${status}`))));
    });
    expect(existsSync(lockPath(d))).toBe(false);
  });
});
