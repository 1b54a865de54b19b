// Process groups of the commands exec() runs, and how one is stopped: SIGINT (let cargo clean
// up), then SIGTERM, then SIGKILL, each only if the group is still there.
export const DEFAULT_KILL_GRACE_MS = 1500;
// After SIGKILL the group is gone unless a process is stuck in the kernel: do not wait forever.
const AFTER_SIGKILL_MS = 1000;
// A cancelled leader has exited: give its leftovers this long before SIGTERM.
const LEFTOVER_MS = 100;

/** Process groups started by exec() and not finished yet. */
export const liveGroups = new Set<number>();

/** Signals every running process group (for the CLI's exit path). Returns how many were signalled. */
export function killAllProcessGroups(signal: NodeJS.Signals = 'SIGTERM'): number {
  let n = 0;
  for (const pgid of liveGroups) if (signalGroup(pgid, signal)) n += 1;
  return n;
}

export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal; ESRCH: the group is empty.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
}

/** Timers of one run, all cleared when it settles. */
export class RunTimers {
  private readonly live = new Set<NodeJS.Timeout>();
  later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.live.delete(t);
      fn();
    }, ms);
    this.live.add(t);
    return t;
  }
  cancel(t: NodeJS.Timeout | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.live.delete(t);
  }
  clearAll(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }
}

export interface KillDeps {
  pid: number | undefined;
  name: string;
  graceMs: number;
  timeoutMs?: number;
  timers: RunTimers;
  /** An exec notice (masked by the caller). */
  info(text: string): void;
  /** Ends the run now (after SIGKILL, once the kernel had a moment). */
  finalize(): void;
  settled(): boolean;
  exited(): boolean;
}

export class KillEscalation {
  /** Why the run is being stopped, once it is. */
  killing: 'timeout' | 'cancel' | undefined;
  hardKilled = false;
  private stage = 0;
  private stageTimer: NodeJS.Timeout | undefined;

  constructor(private readonly d: KillDeps) {}

  groupAlive(): boolean {
    return this.d.pid !== undefined && signalGroup(this.d.pid, 0);
  }

  start(reason: 'timeout' | 'cancel'): void {
    const { pid, name } = this.d;
    if (this.killing !== undefined || this.d.exited() || this.d.settled() || pid === undefined) return;
    this.killing = reason;
    const why = reason === 'timeout' ? `timed out after ${seconds(this.d.timeoutMs ?? 0)}` : 'cancelled';
    this.d.info(`${why}: sending SIGINT to the process group of ${name}`);
    signalGroup(pid, 'SIGINT');
    this.stageTimer = this.d.timers.later(this.d.graceMs, () => this.escalate());
  }

  /**
   * Once the leader has exited, what is left are background jobs of a shell (which ignore SIGINT
   * by POSIX rule): SIGTERM them soon instead of after the whole grace.
   */
  onLeaderExit(): void {
    if (this.killing === undefined || this.stage !== 0 || this.stageTimer === undefined) return;
    this.d.timers.cancel(this.stageTimer);
    this.stageTimer = this.d.timers.later(Math.min(LEFTOVER_MS, this.d.graceMs), () => this.escalate());
  }

  private escalate(): void {
    const { pid, name, graceMs } = this.d;
    if (this.d.settled() || pid === undefined) return;
    this.stage += 1;
    if (this.stage === 1) {
      if (!this.groupAlive()) return;
      this.d.info(`still running after SIGINT: sending SIGTERM to the process group of ${name}`);
      signalGroup(pid, 'SIGTERM');
      this.stageTimer = this.d.timers.later(graceMs, () => this.escalate());
    } else if (this.stage === 2) {
      if (this.groupAlive()) {
        this.d.info(`still running ${seconds(graceMs)} after SIGTERM: sending SIGKILL`);
        signalGroup(pid, 'SIGKILL');
      }
      this.hardKilled = true;
      this.d.timers.later(AFTER_SIGKILL_MS, () => this.d.finalize());
    }
  }
}
