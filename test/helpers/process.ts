// Process checks for tests that kill process groups.
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
