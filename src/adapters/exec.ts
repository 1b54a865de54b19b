// The only way the project runs a command. argv only (never a shell), its own process group so
// a cancel or a timeout reaches grandchildren (a child's kill() reaches only the child), raw
// chunks split by us, every line masked. Node's spawn, not execa: every command start (plumbing
// git included) would load and run execa's layers for nothing this adapter uses.
// Never throws for a failing command: the result says what happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { TailLines } from '../core/tail-lines.js';
import { createLineSplitter } from '../core/line-splitter.js';
import { createMasker } from '../core/mask.js';
import type { ExecOptions, ExecResult } from './exec-types.js';
import type { Stream } from '../core/output-line.js';
import { DEFAULT_KILL_GRACE_MS, KillEscalation, liveGroups, RunTimers, seconds, signalGroup } from './exec-kill.js';
import { identify } from './process-identity.js';

export { DEFAULT_KILL_GRACE_MS, killAllProcessGroups } from './exec-kill.js';
export const TAIL_LINES = 50;
// After the direct child exits, its output is already in the pipes; if they stay open (a
// grandchild holds them) stop waiting once no data came for DRAIN_IDLE_MS, or DRAIN_MAX_MS.
const DRAIN_IDLE_MS = 250;
const DRAIN_MAX_MS = 2000;

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

type Outcome = Partial<Omit<ExecResult, 'argv' | 'durationMs' | 'tail'>>;

/** What a child that never started gets for a result (Node emits 'error' instead of 'exit'). */
function startFailure(file: string, name: string, r: unknown): Outcome {
  const code = (r as { code?: string }).code;
  if (code === 'ENOENT') {
    const error = file.includes('/') ? `${file}: no such file` : `${name}: command not found on PATH`;
    return { notFound: true, error, hint: `install ${name} or add its directory to PATH` };
  }
  if (code === 'EACCES') return { error: `${name}: permission denied (not executable)` };
  return {
    error: `${name} could not start: ${(r as { message?: string }).message ?? code ?? 'unknown error'}`,
  };
}

/** The child, or why it could not start (Node throws for some arguments, e.g. a NUL byte in one). */
function spawnChild(
  file: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): ChildProcess | { thrown: unknown } {
  try {
    // env is already merged by the caller, so the masker sees exactly what the child sees; its
    // own process group (detached) lets a cancel signal grandchildren.
    return spawn(file, args, { cwd, env, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (thrown) {
    return { thrown };
  }
}

/** The outcome of a child that exited (or was stopped), in one sentence when it failed. */
function exitOutcome(
  name: string,
  exitCode: number | null,
  signal: string | null,
  killing: 'timeout' | 'cancel' | undefined,
  timeoutMs: number | undefined,
): Outcome {
  const base = { exitCode, signal, timedOut: killing === 'timeout', cancelled: killing === 'cancel' };
  if (killing === 'cancel') return { ...base, error: `${name} was cancelled` };
  if (killing === 'timeout') return { ...base, error: `${name} timed out after ${seconds(timeoutMs ?? 0)}` };
  if (exitCode !== null && exitCode !== 0) return { ...base, error: `${name} exited with code ${exitCode}` };
  if (exitCode === null && signal !== null) return { ...base, error: `${name} was killed by ${signal}` };
  if (exitCode === null) return { ...base, error: `${name} ended without an exit status` };
  return base;
}

/**
 * Output sinks of one run: whole-line chunks to the tail and onChunk, single lines to onLine only
 * when someone asked for them; a throwing consumer is reported, not fatal.
 */
function createSinks(opts: ExecOptions, mask: (t: string) => string, tail: TailLines) {
  let consumerError: string | undefined;
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      // A throwing consumer (e.g. a full disk under the log file) must not crash the process in
      // the middle of a publish: keep the command running, report the first failure in the result.
      consumerError ??= error instanceof Error ? error.message : String(error);
    }
  };
  const onLine = opts.onLine;
  const onChunk = opts.onChunk;
  const splitter = (stream: Stream) =>
    createLineSplitter(onLine && ((text: string): void => guard(() => onLine({ stream, text }))), {
      map: mask,
      onText: (text: string): void => {
        tail.push(text);
        if (onChunk !== undefined) guard(() => onChunk(stream, text));
      },
    });
  const notice = opts.onNotice ?? (onLine && ((text: string): void => onLine({ stream: 'info', text })));
  return {
    splitter,
    consumerError: () => consumerError,
    info: (text: string): void => {
      if (notice !== undefined) guard(() => notice(mask(text)));
    },
  };
}

export async function exec(argv: string[], opts: ExecOptions): Promise<ExecResult> {
  const started = performance.now();
  const [file, ...args] = argv;
  const name = file === undefined ? '' : basename(file);
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  const mask = opts.mask ?? createMasker({ env, extraNames: opts.secretNames }).mask;
  const tail = new TailLines(TAIL_LINES);
  const sinks = createSinks(opts, mask, tail);

  const result = (outcome: Outcome): ExecResult => {
    const consumerError = sinks.consumerError();
    return {
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
      ...(consumerError === undefined ? {} : { onLineError: mask(consumerError) }),
    };
  };

  if (file === undefined || file === '') return result({ error: 'no command to run' });
  if (opts.signal?.aborted) return result({ cancelled: true, error: `${name} was cancelled` });
  try {
    if (!statSync(opts.cwd).isDirectory())
      return result({ error: `working directory is not a directory: ${opts.cwd}` });
  } catch {
    return result({ error: `working directory not found: ${opts.cwd}` });
  }
  const child = spawnChild(file, args, opts.cwd, env);
  if ('thrown' in child) return result(startFailure(file, name, child.thrown));
  const unrecorded = recordSpawn(child.pid, opts);
  if (unrecorded !== undefined) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child.pid!, 'SIGKILL');
    child.stdout?.destroy();
    child.stderr?.destroy();
    await gone;
    throw unrecorded;
  }
  return watch(child, { file, name, opts, sinks, result });
}

/** Hands the new child's identity to onSpawn; the error when that failed. */
function recordSpawn(pid: number | undefined, opts: ExecOptions): unknown {
  if (pid === undefined || opts.onSpawn === undefined) return undefined;
  try {
    opts.onSpawn(identify(pid));
    return undefined;
  } catch (error) {
    return error ?? new Error('onSpawn failed');
  }
}

/** Both pipes through their line splitters; `closed` once per pipe that ended. */
function readPipes(child: ChildProcess, sinks: ReturnType<typeof createSinks>, on: { data(): void; closed(): void }) {
  const streams = [
    { stream: child.stdout, splitter: sinks.splitter('stdout') },
    { stream: child.stderr, splitter: sinks.splitter('stderr') },
  ];
  for (const { stream, splitter } of streams) {
    if (stream === null || stream === undefined) continue;
    let done = false;
    const end = (): void => {
      if (done) return;
      done = true;
      on.closed();
    };
    stream.on('data', (chunk: Buffer) => {
      on.data();
      splitter.push(chunk);
    });
    stream.once('end', end);
    stream.once('close', end);
    stream.once('error', end);
  }
  return streams;
}

interface WatchDeps {
  file: string;
  name: string;
  opts: ExecOptions;
  sinks: ReturnType<typeof createSinks>;
  result(outcome: Outcome): ExecResult;
}

/** Reads the child's pipes until it exited and they closed (or a grandchild holding them went quiet), stopping it on cancel or timeout. */
function watch(child: ChildProcess, d: WatchDeps): Promise<ExecResult> {
  const { opts, name, sinks } = d;
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  return new Promise<ExecResult>((resolve) => {
    let settled = false;
    let exited = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let chunks = 0;
    let streamsOpen = 0;
    const timers = new RunTimers();
    const kill = new KillEscalation({
      pid,
      name,
      graceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      timeoutMs: opts.timeoutMs,
      timers,
      info: sinks.info,
      finalize: () => finalize(),
      settled: () => settled,
      exited: () => exited,
    });

    const streams = readPipes(child, sinks, {
      data: () => (chunks += 1),
      closed: () => {
        streamsOpen -= 1;
        if (exited && streamsOpen === 0) finalize();
      },
    });
    streamsOpen = streams.filter((x) => x.stream).length;

    const finalize = (outcome?: Outcome): void => {
      if (settled) return;
      settled = true;
      timers.clearAll();
      opts.signal?.removeEventListener('abort', onAbort);
      for (const { stream, splitter } of streams) {
        splitter.flush();
        // A grandchild may still hold the pipe: stop reading rather than wait for it.
        stream?.destroy();
      }
      if (pid !== undefined) liveGroups.delete(pid);
      resolve(d.result(outcome ?? exitOutcome(name, exitCode, exitSignal, kill.killing, opts.timeoutMs)));
    };

    const onAbort = (): void => kill.start('cancel');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) timers.later(opts.timeoutMs, () => kill.start('timeout'));

    // After the direct child exits, wait for the pipes to close, but not for a grandchild that
    // keeps them open; while a kill is escalating, wait for the group to be gone first.
    const drain = (): void => {
      let seen = chunks;
      let waited = 0;
      const tick = (): void => {
        waited += DRAIN_IDLE_MS;
        if (kill.killing !== undefined && !kill.hardKilled && kill.groupAlive())
          return void timers.later(DRAIN_IDLE_MS, tick);
        if (chunks !== seen && waited < DRAIN_MAX_MS) {
          seen = chunks;
          return void timers.later(DRAIN_IDLE_MS, tick);
        }
        finalize();
      };
      timers.later(DRAIN_IDLE_MS, tick);
    };

    child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      exited = true;
      exitCode = code;
      exitSignal = signal;
      kill.onLeaderExit();
      if (streamsOpen === 0) finalize();
      else drain();
    });

    // Only a child that never started reports an error here (nothing else signals it through Node).
    child.on('error', (error: unknown) => {
      if (!exited && pid === undefined) finalize(startFailure(d.file, name, error));
    });
  });
}
