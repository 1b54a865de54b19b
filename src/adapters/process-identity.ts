// Who a pid is: a pid is reused once its process is gone, so "pid 4242 is alive" says nothing about
// the cargo a killed session started. A process is named by its pid plus its start time (the boot
// id and /proc/PID/stat's starttime, fixed at fork and kept across exec), and a zombie is gone.
import { readFileSync } from 'node:fs';
import { signalGroup } from './exec-kill.js';

/** The process a journal `child` record names. */
export interface ProcessIdentity {
  pid: number;
  /** Its process group (exec() starts each command as the leader of its own group). */
  pgid: number;
  /** "<boot id>:<start ticks>", or undefined where the system does not tell (no /proc). */
  start?: string;
}

let bootId: string | undefined;

function readBootId(): string {
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    bootId = '';
  }
  return bootId;
}

interface Stat {
  state: string;
  startTicks: string;
}

/** /proc/PID/stat: "pid (comm) S ppid ...": fields after the last ')' start at field 3 (state); starttime is field 22. */
function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return undefined;
  return { state, startTicks };
}

/** The start stamp of a live process, undefined when it is gone, a zombie, or /proc cannot tell. */
export function processStart(pid: number): string | undefined {
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z') return undefined;
  return `${readBootId()}:${stat.startTicks}`;
}

/** The identity of a process exec() just started (its own group leader). */
export function identify(pid: number): ProcessIdentity {
  const start = processStart(pid);
  return { pid, pgid: pid, ...(start !== undefined && { start }) };
}

export type Liveness = 'running' | 'gone' | 'unverifiable';

/**
 * Whether the recorded process still runs. `unverifiable`: something runs under that pid but
 * nothing says whether it is the same process (no recorded start, or no /proc): never signal it.
 */
export function liveness(p: ProcessIdentity): Liveness {
  const start = processStart(p.pid);
  if (start !== undefined) {
    if (p.start === undefined) return 'unverifiable';
    return start === p.start ? 'running' : 'gone';
  }
  if (readStat(p.pid) !== undefined) return 'gone'; // a zombie
  try {
    process.kill(p.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  return 'unverifiable';
}

/** Signals the recorded process's group, only while the process is verified to be the recorded one. */
export function signalRecorded(p: ProcessIdentity, signal: NodeJS.Signals): boolean {
  if (liveness(p) !== 'running') return false;
  return signalGroup(p.pgid, signal);
}
