// The full-screen cockpit: alternate screen in, Ink app, alternate screen out on every exit path
// (quit, error, SIGINT, SIGTERM, uncaught exception, process exit). Ink 6 has no alternate-screen
// option, so it is written by hand (shared/reference/ink-node-facts.md).
import { createElement, useEffect } from 'react';
import type { ReactNode } from 'react';
import { render, useStdout } from 'ink';
import type { Instance } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { App } from '../ui/app.js';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/** What the host needs from inside Ink's tree: Ink's own stdout writer. */
interface InkBridge {
  redraw?: () => void;
}

/**
 * Ink's `write` (useStdout) erases its frame, writes, then writes the last frame again in full:
 * with an empty string it is the one full redraw Ink offers. A re-render is not enough: Ink skips
 * a frame equal to the last one, and after the editor the screen is blank, not equal.
 */
function InkBridgeHost({ bridge, children }: { bridge: InkBridge; children?: ReactNode }): ReactNode {
  const { write } = useStdout();
  useEffect(() => {
    bridge.redraw = () => write('');
  }, [bridge, write]);
  return children;
}

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
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: { write(s: string): unknown };
  hooks?: ProcessHooks;
  /** A stuck shutdown is abandoned after this long (the screen is restored regardless). */
  forceExitMs?: number;
  /** Route console.* above the app (default true; test runners own the console). */
  patchConsole?: boolean;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * Runs the cockpit until the maintainer quits (or a signal / crash ends it) and resolves with the
 * exit code: 0 (quit, nothing failed), 1 (a step failed, or closing the engine failed), 130
 * (SIGINT), 143 (SIGTERM), 129 (SIGHUP), 70 (internal error). The engine is cancelled and closed on every path.
 */
export async function runTui(engine: EngineApi, opts: TuiOptions = {}): Promise<number> {
  const out = opts.stdout ?? process.stdout;
  const err = opts.stderr ?? process.stderr;
  const input = opts.stdin ?? process.stdin;
  const hooks: ProcessHooks = opts.hooks ?? (process as unknown as ProcessHooks);
  let code = 0;
  let message: string | undefined;
  let restored = false;
  let engineClosed = false;
  let shuttingDown = false;
  let instance: Instance | undefined;

  const restore = (): void => {
    if (restored) return;
    restored = true;
    out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    // Ink turns raw mode off when it unmounts; a crash or a forced exit may not get that far.
    if (input.isTTY === true) input.setRawMode(false);
  };
  const closeEngine = async (): Promise<void> => {
    if (engineClosed) return;
    engineClosed = true;
    try {
      await engine.cancel();
    } catch (e) {
      message ??= `cancelling the running step failed: ${describe(e)}`;
    }
    try {
      await engine.close();
    } catch (e) {
      message ??= `closing the release failed: ${describe(e)}`;
    }
  };
  // Signals and crashes: stop the engine (state saved, lock released), then unmount one tick later.
  const shutdown = (exitCode: number): void => {
    if (shuttingDown) {
      // Asked twice: stop waiting, but never leave the terminal on the alternate screen.
      restore();
      hooks.exit(exitCode);
      return;
    }
    shuttingDown = true;
    code = exitCode;
    const force = setTimeout(() => {
      restore();
      hooks.exit(exitCode);
    }, opts.forceExitMs ?? 10_000);
    force.unref?.();
    void closeEngine().then(() =>
      setTimeout(() => {
        clearTimeout(force);
        instance?.unmount();
      }, 0),
    );
  };
  // A Ctrl-C typed while a child had the (cooked) terminal went to the whole foreground process
  // group: it was meant for the child (an editor waiting with `code --wait`), not the cockpit.
  let absorbInterrupts = false;
  let lendings = 0;
  const onSigint = (): void => {
    if (!absorbInterrupts) shutdown(130);
  };
  // The screen is restored after the unmount (or by the force timer), so Ink's last frame does
  // not land on the primary screen.
  const onCrash = (e: unknown): void => {
    message ??= `internal error (please report): ${describe(e)}`;
    shutdown(70);
  };
  const listeners: [ProcessEvent, (...a: unknown[]) => void][] = [
    ['SIGINT', onSigint],
    ['SIGTERM', () => shutdown(143)],
    ['SIGHUP', () => shutdown(129)], // the terminal went away (ssh dropped): save and unlock alike
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
    // The last resort: 'exit' handlers run synchronously, and a write to a TTY is synchronous.
    ['exit', restore],
  ];
  for (const [event, fn] of listeners) hooks.on(event, fn);

  const bridge: InkBridge = {};
  /**
   * Lends the terminal to a child process for the time of fn (the editor, spawned synchronously,
   * so no frame, timer or key read of the cockpit can happen meanwhile): primary screen, cursor
   * shown, cooked mode; then back: alternate screen cleared, cursor hidden, raw mode, and Ink's
   * last frame written again in full. Raw mode is switched on the stream itself, not through
   * Ink's counted setRawMode: with more than one input hook that would leave it on for the editor.
   */
  const suspend = <T>(fn: () => T): T => {
    const lending = ++lendings;
    absorbInterrupts = true;
    const wasRaw = input.isTTY === true && input.isRaw === true;
    out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    if (wasRaw) input.setRawMode(false);
    try {
      return fn();
    } finally {
      // A shutdown that restored the screen meanwhile keeps it restored.
      if (!restored) {
        if (wasRaw) input.setRawMode(true);
        out.write(ENTER_ALT_SCREEN + CLEAR_SCREEN + HIDE_CURSOR);
        bridge.redraw?.();
      }
      // A signal that arrived during fn is handled by the event loop after it: in the poll phase
      // of the next iteration at the latest, before the second check phase from now. Later ones
      // are not the child's: raw mode is back, so a Ctrl-C typed now is a key, not a signal.
      setImmediate(() =>
        setImmediate(() => {
          if (lending === lendings) absorbInterrupts = false;
        }),
      );
    }
  };

  out.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
  // Raw before the first frame: a key pressed while Ink starts would otherwise be echoed and
  // line-buffered by the cooked terminal (an early enter never reached the cockpit). Ink keeps
  // raw mode on from here and turns it off when it unmounts.
  if (input.isTTY === true) input.setRawMode(true);
  try {
    instance = render(
      createElement(
        InkBridgeHost,
        { bridge },
        createElement(App, {
          engine,
          demo: opts.demo ?? false,
          suspend,
          onExit: (exitCode: number, error?: string) => {
            // The app cancelled and closed the engine itself.
            engineClosed = true;
            if (!shuttingDown) code = exitCode;
            if (error) message ??= `closing the release failed: ${error}`;
          },
        }),
      ),
      { stdout: out, stdin: input, exitOnCtrlC: false, patchConsole: opts.patchConsole ?? true, maxFps: 30 },
    );
    await instance.waitUntilExit();
  } catch (e) {
    code = 70;
    message ??= `internal error (please report): ${describe(e)}`;
  } finally {
    await closeEngine();
    restore();
    for (const [event, fn] of listeners) hooks.off(event, fn);
  }
  if (message) {
    err.write(`release-cockpit: ${message}\n`);
    if (code === 0) code = 1;
  }
  return code;
}

/** Opens the engine for the CLI arguments (config, plan, lock, state): the integrator's. */
export type EngineFactory = (args: CliArgs, env: Record<string, string | undefined>) => Promise<EngineApi>;

export interface StartTuiOptions {
  /** The embedded demo (DEMO badge). */
  demo?: boolean;
  /** Environment of the steps' child processes (the demo's sandbox); default process.env. */
  env?: Record<string, string | undefined>;
  openEngine?: EngineFactory;
}

/** `release-cockpit` (and `demo`) in a terminal. Scripts and CI use `run --headless`. */
export async function startTui(args: CliArgs, opts: StartTuiOptions = {}): Promise<number> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new UserError('the cockpit needs an interactive terminal.', { hint: 'Use `release-cockpit run --headless` in scripts and CI.' });
  }
  const open = opts.openEngine ?? (await import('./open-engine.js')).openEngineForArgs;
  const engine = await open(args, opts.env ?? process.env);
  return runTui(engine, { demo: opts.demo ?? args.mode === 'demo' });
}
