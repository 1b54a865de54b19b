// The only way the project runs a command. argv only (never a shell), its own process group so
// a cancel or a timeout reaches grandchildren (execa's kill() reaches only the direct child),
// raw chunks split by us (1.7x faster than execa's line iterator), every line masked.
// Never throws for a failing command: the result says what happened.
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { execa } from 'execa';
import { createLineSplitter } from '../core/line-splitter.js';
import { createMasker } from '../core/mask.js';
import type { ExecOptions, ExecResult, OutputLine, Stream } from './exec-types.js';

export const DEFAULT_KILL_GRACE_MS = 1500;
export const TAIL_LINES = 50;
// After the direct child exits, its output is already in the pipes; if they stay open (a
// grandchild holds them) stop waiting once no data came for DRAIN_IDLE_MS, or DRAIN_MAX_MS.
const DRAIN_IDLE_MS = 250;
const DRAIN_MAX_MS = 2000;
// After SIGKILL the group is gone unless a process is stuck in the kernel: do not wait forever.
const AFTER_SIGKILL_MS = 1000;
// A cancelled leader has exited: give its leftovers this long before SIGTERM.
const LEFTOVER_MS = 100;

/** Process groups started by exec() and not finished yet. */
const liveGroups = new Set<number>();

/** Signals every running process group (for the CLI's exit path). Returns how many were signalled. */
export function killAllProcessGroups(signal: NodeJS.Signals = 'SIGTERM'): number {
  let n = 0;
  for (const pgid of liveGroups) if (signalGroup(pgid, signal)) n += 1;
  return n;
}

/** True when `name` resolves to an executable file (on PATH from `env`, or as a path). */
export function commandExists(name: string, env: Record<string, string | undefined> = process.env): boolean {
  const isExecutable = (path: string): boolean => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return isExecutable(name);
  const path = env.PATH ?? env.Path ?? '';
  return path.split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, name)));
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal; ESRCH: the group is empty.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1))} s`;
}

/** The last `size` lines, kept in a small ring: no array shifting per line. */
function createTail(size: number): { push(line: string): void; lines(): string[] } {
  const slots: string[] = [];
  let next = 0;
  return {
    push(line) {
      if (slots.length < size) slots.push(line);
      else slots[next] = line;
      next = next + 1 === size ? 0 : next + 1;
    },
    lines: () => (slots.length < size ? slots.slice() : [...slots.slice(next), ...slots.slice(0, next)]),
  };
}

type Outcome = Partial<Omit<ExecResult, 'argv' | 'durationMs' | 'tail'>>;

export async function exec(argv: string[], opts: ExecOptions): Promise<ExecResult> {
  const started = performance.now();
  const [file, ...args] = argv;
  const name = file === undefined ? '' : basename(file);
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  const mask = opts.mask ?? createMasker({ env, extraNames: opts.secretNames }).mask;
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const tail = createTail(TAIL_LINES);
  let onLineError: string | undefined;

  const result = (outcome: Outcome): ExecResult => ({
    argv,
    exitCode: null,
    signal: null,
    timedOut: false,
    cancelled: false,
    notFound: false,
    ...outcome,
    error: outcome.error === undefined ? undefined : mask(outcome.error),
    durationMs: Math.round(performance.now() - started),
    tail: tail.lines(),
    ...(onLineError === undefined ? {} : { onLineError: mask(onLineError) }),
  });

  // A throwing consumer (e.g. a full disk under the log file) must not crash the process in the
  // middle of a publish: keep the command running, report the first failure in the result.
  const deliver = (line: OutputLine): void => {
    if (opts.onLine === undefined) return;
    try {
      opts.onLine(line);
    } catch (error) {
      onLineError ??= error instanceof Error ? error.message : String(error);
    }
  };
  const chunkSink = (stream: Stream) =>
    opts.onChunk && ((text: string): void => {
      try {
        opts.onChunk?.(stream, text);
      } catch (error) {
        onLineError ??= error instanceof Error ? error.message : String(error);
      }
    });

  if (file === undefined || file === '') return result({ error: 'no command to run' });
  if (opts.signal?.aborted) return result({ cancelled: true, error: `${name} was cancelled` });
  try {
    if (!statSync(opts.cwd).isDirectory()) return result({ error: `working directory is not a directory: ${opts.cwd}` });
  } catch {
    return result({ error: `working directory not found: ${opts.cwd}` });
  }

  const child = execa(file, args, {
    cwd: opts.cwd,
    env,
    extendEnv: false, // already merged above, so the masker sees exactly what the child sees
    shell: false,
    detached: true, // leads its own process group: we can signal grandchildren
    buffer: false, // unbounded output; maxBuffer would kill the child
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
    stripFinalNewline: false,
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);

  return new Promise<ExecResult>((resolve) => {
    let settled = false;
    let exited = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let killing: 'timeout' | 'cancel' | undefined;
    let hardKilled = false;
    let chunks = 0;
    let streamsOpen = 0;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void): void => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    };

    // Lines arrive masked: the splitter masks each chunk's whole lines in one call.
    const lineSink = (stream: Stream) => (text: string) => {
      tail.push(text);
      deliver({ stream, text });
    };
    const info = (text: string): void => deliver({ stream: 'info', text: mask(text) });
    const splitter = (stream: Stream) => createLineSplitter(lineSink(stream), { map: mask, onText: chunkSink(stream) });

    const streams = [
      { stream: child.stdout, splitter: splitter('stdout') },
      { stream: child.stderr, splitter: splitter('stderr') },
    ];
    for (const { stream, splitter } of streams) {
      if (stream === null || stream === undefined) continue;
      streamsOpen += 1;
      let done = false;
      const end = (): void => {
        if (done) return;
        done = true;
        streamsOpen -= 1;
        if (exited && streamsOpen === 0) finalize();
      };
      stream.on('data', (chunk: Buffer) => {
        chunks += 1;
        splitter.push(chunk);
      });
      stream.once('end', end);
      stream.once('close', end);
      stream.once('error', end);
    }

    const finalize = (outcome?: Outcome): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      opts.signal?.removeEventListener('abort', onAbort);
      for (const { stream, splitter } of streams) {
        splitter.flush();
        // A grandchild may still hold the pipe: stop reading rather than wait for it.
        stream?.destroy();
      }
      if (pid !== undefined) liveGroups.delete(pid);
      resolve(result(outcome ?? exitOutcome()));
    };

    const exitOutcome = (): Outcome => {
      const base = { exitCode, signal: exitSignal, timedOut: killing === 'timeout', cancelled: killing === 'cancel' };
      if (killing === 'cancel') return { ...base, error: `${name} was cancelled` };
      if (killing === 'timeout') return { ...base, error: `${name} timed out after ${seconds(opts.timeoutMs ?? 0)}` };
      if (exitCode !== null && exitCode !== 0) return { ...base, error: `${name} exited with code ${exitCode}` };
      if (exitCode === null && exitSignal !== null) return { ...base, error: `${name} was killed by ${exitSignal}` };
      if (exitCode === null) return { ...base, error: `${name} ended without an exit status` };
      return base;
    };

    const groupAlive = (): boolean => pid !== undefined && signalGroup(pid, 0);

    // SIGINT (let cargo clean up), then SIGTERM, then SIGKILL, each only if the group is still
    // there. Once the leader has exited, what is left are background jobs of a shell (which
    // ignore SIGINT by POSIX rule): SIGTERM them right away instead of after the grace.
    let stage = 0;
    let stageTimer: NodeJS.Timeout | undefined;
    const escalate = (): void => {
      if (settled || pid === undefined) return;
      stage += 1;
      if (stage === 1) {
        if (!groupAlive()) return;
        info(`still running after SIGINT: sending SIGTERM to the process group of ${name}`);
        signalGroup(pid, 'SIGTERM');
        stageTimer = setTimeout(escalate, grace);
        timers.add(stageTimer);
      } else if (stage === 2) {
        if (groupAlive()) {
          info(`still running ${seconds(grace)} after SIGTERM: sending SIGKILL`);
          signalGroup(pid, 'SIGKILL');
        }
        hardKilled = true;
        later(AFTER_SIGKILL_MS, () => finalize());
      }
    };
    const startKill = (reason: 'timeout' | 'cancel'): void => {
      if (killing !== undefined || exited || settled || pid === undefined) return;
      killing = reason;
      const why = reason === 'timeout' ? `timed out after ${seconds(opts.timeoutMs ?? 0)}` : 'cancelled';
      info(`${why}: sending SIGINT to the process group of ${name}`);
      signalGroup(pid, 'SIGINT');
      stageTimer = setTimeout(escalate, grace);
      timers.add(stageTimer);
    };
    const onLeaderExit = (): void => {
      if (killing === undefined || stage !== 0 || stageTimer === undefined) return;
      clearTimeout(stageTimer);
      stageTimer = setTimeout(escalate, Math.min(LEFTOVER_MS, grace));
      timers.add(stageTimer);
    };
    const onAbort = (): void => startKill('cancel');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) later(opts.timeoutMs, () => startKill('timeout'));

    // After the direct child exits, wait for the pipes to close, but not for a grandchild that
    // keeps them open; while a kill is escalating, wait for the group to be gone first.
    const drain = (): void => {
      let seen = chunks;
      let waited = 0;
      const tick = (): void => {
        waited += DRAIN_IDLE_MS;
        if (killing !== undefined && !hardKilled && groupAlive()) return later(DRAIN_IDLE_MS, tick);
        if (chunks !== seen && waited < DRAIN_MAX_MS) {
          seen = chunks;
          return later(DRAIN_IDLE_MS, tick);
        }
        finalize();
      };
      later(DRAIN_IDLE_MS, tick);
    };

    child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      onLeaderExit();
      if (streamsOpen === 0) finalize();
      else drain();
    });

    // execa settles without an 'exit' when the program could not be spawned at all.
    child.then(
      (r) => {
        if (exited || settled || pid !== undefined) return;
        const code = (r as { code?: string }).code;
        if (code === 'ENOENT') {
          const error = file.includes('/') ? `${file}: no such file` : `${name}: command not found on PATH`;
          finalize({ notFound: true, error, hint: `install ${name} or add its directory to PATH` });
        } else if (code === 'EACCES') {
          finalize({ error: `${name}: permission denied (not executable)` });
        } else {
          finalize({ error: `${name} could not start: ${r.shortMessage ?? code ?? 'unknown error'}` });
        }
      },
      (error: unknown) => {
        if (!exited) finalize({ error: `${name} could not start: ${String(error)}` });
      },
    );
  });
}
