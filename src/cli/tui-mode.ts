// The full-screen cockpit: alternate screen in, Ink app, alternate screen out on every exit path
// (quit, error, SIGINT, SIGTERM, uncaught exception, process exit), then the exit words.
import { createElement } from 'react';
import { render } from 'ink';
import type { Instance } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { App } from '../ui/app.js';
import { createTerminalScreen, InkBridgeHost, type InkBridge, type TerminalScreen } from './tui-terminal.js';
import { exitWords, resumeCommand, type ResumeSpec } from './exit-words.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import { previousReleaseFor } from './previous-release.js';
import { releaseShelfFor } from './release-shelf.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';

export { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from './tui-terminal.js';

type ProcessEvent = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'uncaughtException' | 'unhandledRejection' | 'exit';

/** The parts of `process` the cockpit hooks into (injectable for tests). */
export interface ProcessHooks {
  on(event: ProcessEvent, fn: (...args: unknown[]) => void): unknown;
  off(event: ProcessEvent, fn: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export interface TuiOptions {
  /** The embedded demo: a DEMO badge in the header. */
  demo?: boolean;
  /** What the output pane says before any step ran (the demo's sandbox explained). */
  intro?: string[];
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: { write(s: string): unknown };
  hooks?: ProcessHooks;
  /** A stuck shutdown is abandoned after this long (the screen is restored regardless). */
  forceExitMs?: number;
  /** Route console.* above the app (default true; test runners own the console). */
  patchConsole?: boolean;
  /** How to come back to this release: the quit question and the exit words name it. */
  resume?: ResumeSpec;
  /** The last finished release (the rollback menu's when this one published nothing). */
  previous?: PreviousRelease;
  /** The repository's releases (the history view). */
  history?: ReleaseShelf;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** What the session ends with; filled in by whichever exit path runs first. */
interface Ending {
  code: number;
  message?: string;
  engineClosed: boolean;
  shuttingDown: boolean;
  instance?: Instance;
}

async function closeEngine(engine: EngineApi, end: Ending): Promise<void> {
  if (end.engineClosed) return;
  end.engineClosed = true;
  try {
    await engine.cancel();
  } catch (e) {
    end.message ??= `cancelling the running step failed: ${describe(e)}`;
  }
  try {
    await engine.close();
  } catch (e) {
    end.message ??= `closing the release failed: ${describe(e)}`;
  }
}

/** Signals and crashes: stop the engine (state saved, lock released), then unmount one tick later. */
function makeShutdown(
  engine: EngineApi,
  end: Ending,
  screen: TerminalScreen,
  hooks: ProcessHooks,
  forceExitMs: number,
): (code: number) => void {
  return (exitCode) => {
    if (end.shuttingDown) {
      // Asked twice: stop waiting, but never leave the terminal on the alternate screen.
      screen.restore();
      hooks.exit(exitCode);
      return;
    }
    end.shuttingDown = true;
    end.code = exitCode;
    const force = setTimeout(() => {
      screen.restore();
      hooks.exit(exitCode);
    }, forceExitMs);
    force.unref?.();
    void closeEngine(engine, end).then(() =>
      setTimeout(() => {
        clearTimeout(force);
        end.instance?.unmount();
      }, 0),
    );
  };
}

function processListeners(
  end: Ending,
  screen: TerminalScreen,
  shutdown: (code: number) => void,
): [ProcessEvent, (...a: unknown[]) => void][] {
  // A Ctrl-C typed while a child had the (cooked) terminal went to the whole foreground process
  // group: it was meant for the child (an editor waiting with `code --wait`), not the cockpit.
  const onSigint = (): void => {
    if (!screen.absorbingInterrupts()) shutdown(130);
  };
  // The screen is restored after the unmount (or by the force timer), so Ink's last frame does
  // not land on the primary screen.
  const onCrash = (e: unknown): void => {
    end.message ??= `internal error (please report): ${describe(e)}`;
    shutdown(70);
  };
  return [
    ['SIGINT', onSigint],
    ['SIGTERM', () => shutdown(143)],
    ['SIGHUP', () => shutdown(129)], // the terminal went away (ssh dropped): save and unlock alike
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
    // The last resort: 'exit' handlers run synchronously, and a write to a TTY is synchronous.
    ['exit', () => screen.restore()],
  ];
}

function renderApp(
  engine: EngineApi,
  end: Ending,
  screen: TerminalScreen,
  bridge: InkBridge,
  opts: TuiOptions,
  io: { out: NodeJS.WriteStream; input: NodeJS.ReadStream },
): Instance {
  const app = createElement(App, {
    engine,
    demo: opts.demo ?? false,
    intro: opts.intro,
    suspend: (fn) => screen.suspend(fn),
    resumeCommand: opts.resume ? resumeCommand(opts.resume) : undefined,
    previous: opts.previous,
    history: opts.history,
    onExit: (exitCode: number, error?: string) => {
      // The app cancelled and closed the engine itself.
      end.engineClosed = true;
      if (!end.shuttingDown) end.code = exitCode;
      if (error) end.message ??= `closing the release failed: ${error}`;
    },
  });
  return render(createElement(InkBridgeHost, { bridge }, app), {
    stdout: io.out,
    stdin: io.input,
    exitOnCtrlC: false,
    patchConsole: opts.patchConsole ?? true,
    maxFps: 30,
  });
}

/**
 * Runs the cockpit until the maintainer quits (or a signal / crash ends it) and resolves with the
 * exit code: 0 (quit, nothing failed), 1 (a step failed, or closing the engine failed), 130
 * (SIGINT), 143 (SIGTERM), 129 (SIGHUP), 70 (internal error). The engine is cancelled and closed on every path.
 */
export async function runTui(engine: EngineApi, opts: TuiOptions = {}): Promise<number> {
  const out = opts.stdout ?? process.stdout;
  const input = opts.stdin ?? process.stdin;
  const hooks: ProcessHooks = opts.hooks ?? (process as unknown as ProcessHooks);
  const end: Ending = { code: 0, engineClosed: false, shuttingDown: false };
  const bridge: InkBridge = {};
  const screen = createTerminalScreen(out, input, bridge);
  const listeners = processListeners(end, screen, makeShutdown(engine, end, screen, hooks, opts.forceExitMs ?? 10_000));
  for (const [event, fn] of listeners) hooks.on(event, fn);
  screen.enter();
  try {
    end.instance = renderApp(engine, end, screen, bridge, opts, { out, input });
    await end.instance.waitUntilExit();
  } catch (e) {
    end.code = 70;
    end.message ??= `internal error (please report): ${describe(e)}`;
  } finally {
    await closeEngine(engine, end);
    screen.restore();
    for (const [event, fn] of listeners) hooks.off(event, fn);
  }
  if (opts.resume) out.write(exitWords(engine.store.getState(), engine.plan, opts.resume));
  if (end.message) {
    (opts.stderr ?? process.stderr).write(`release-cockpit: ${end.message}\n`);
    if (end.code === 0) end.code = 1;
  }
  return end.code;
}

/** Opens the engine for the CLI arguments (config, plan, lock, state): the integrator's. */
export type EngineFactory = (args: CliArgs, env: Record<string, string | undefined>) => Promise<EngineApi>;

export interface StartTuiOptions {
  /** The embedded demo (DEMO badge; its exit words name the demo command). */
  demo?: { fast: boolean; npm: boolean };
  /** Environment of the steps' child processes (the demo's sandbox); default process.env. */
  env?: Record<string, string | undefined>;
  /** What the output pane says before any step ran. */
  intro?: string[];
  openEngine?: EngineFactory;
}

/** `release-cockpit` (and `demo`) in a terminal. Scripts and CI use `run --headless`. */
export async function startTui(args: CliArgs, opts: StartTuiOptions = {}): Promise<number> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new UserError('the cockpit needs an interactive terminal.', {
      hint: 'Use `release-cockpit run --headless` in scripts and CI.',
    });
  }
  const open = opts.openEngine ?? (await import('./open-engine.js')).openEngineForArgs;
  const env = opts.env ?? process.env;
  const engine = await open(args, env);
  const history = releaseShelfFor(engine.plan, env);
  return runTui(engine, {
    demo: opts.demo !== undefined || args.mode === 'demo',
    resume: { args, headless: false, demo: opts.demo },
    previous: previousReleaseFor(engine.plan, env, history),
    history,
  });
}
