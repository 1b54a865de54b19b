// Process checks for tests that kill process groups.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * True when `pid` is a running process. A zombie counts as dead: in a container whose init does
 * not reap orphans, a killed grandchild stays a zombie forever, yet it holds no pipe and runs nothing.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ...": the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // Gone between the two checks, or no /proc at all (then kill(0) is the only evidence).
    return !existsSync('/proc/self');
  }
}

/**
 * True once `pid` is dead, polling up to `withinMs`. Dying is asynchronous: a killed process closes
 * its pipes (which is what ends exec) a moment before the kernel marks it exited.
 */
export async function isGoneWithin(pid: number, withinMs = 2000): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (isProcessAlive(pid)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

export interface LockHolder {
  pid: number;
  startedAt: string;
  /** SIGKILL, resolved once the process is reaped (its lock is then stale). */
  kill(): Promise<void>;
}

/** A live node process that wrote the lock file `path` for itself, as a release-cockpit would. */
export function lockHolder(path: string): Promise<LockHolder> {
  const script = `
    const fs = require('fs');
    const startedAt = new Date().toISOString();
    fs.writeFileSync(${JSON.stringify(path)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), startedAt }), { flag: 'wx', mode: 0o600 });
    process.stdout.write(startedAt + '\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) =>
      resolve({
        pid: child.pid as number,
        startedAt: d.toString().trim(),
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      }),
    );
    child.once('error', reject);
  });
}
