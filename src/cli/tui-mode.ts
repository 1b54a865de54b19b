// The full-screen cockpit: alternate screen in, the first frame drawn from the plan while the
// engine opens, the App once it is open, alternate screen out on every exit path (quit, error,
// SIGINT, SIGTERM, uncaught exception, process exit), then the exit words.
import { createElement, type ReactElement } from 'react';
import { render } from 'ink';
import type { RenderOptions } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { Plan } from '../core/plan-types.js';
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { OpeningView } from '../ui/opening-view.js';
import { createTerminalScreen, InkBridgeHost, type InkBridge, type TerminalScreen } from './tui-terminal.js';
import { exitWords, resumeCommand, type ResumeSpec } from './exit-words.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';
import type { OpenRelease } from './tui-open.js';
import {
  closeEngine,
  describe,
  makeShutdown,
  processListeners,
  type Ending,
  type ProcessHooks,
} from './tui-shutdown.js';
import { loadRunnablePlan } from './runnable-plan.js';

export { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from './tui-terminal.js';
export type { ProcessHooks } from './tui-shutdown.js';

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

/** A release whose engine is not open yet: the plan the first frame draws, and how to open it. */
export interface OpeningRelease {
  plan: Plan;
  open(): Promise<OpenRelease>;
}

function isEngine(source: EngineApi | OpeningRelease): source is EngineApi {
  return 'store' in source;
}

/** One cockpit session: how it ends, its terminal, Ink's options. */
interface Session {
  end: Ending;
  screen: TerminalScreen;
  bridge: InkBridge;
  opts: TuiOptions;
  ink: RenderOptions;
}

/** The App for the open release, inside the host that lends Ink's writer to the terminal. */
async function appFor(opened: OpenRelease, { end, screen, bridge, opts }: Session): Promise<ReactElement> {
  const { appElement } = await import('./tui-open.js');
  const app = appElement({
    engine: opened.engine,
    demo: opts.demo ?? false,
    intro: opts.intro,
    suspend: (fn) => screen.suspend(fn),
    resumeCommand: opts.resume ? resumeCommand(opts.resume) : undefined,
    previous: opened.previous,
    history: opened.history,
    onExit: (exitCode: number, error?: string) => {
      // The app cancelled and closed the engine itself.
      end.engineClosed = true;
      if (!end.shuttingDown) end.code = exitCode;
      if (error) end.message ??= `closing the release failed: ${error}`;
    },
  });
  return createElement(InkBridgeHost, { bridge }, app);
}

/**
 * The first frame (the plan's header and checklist) at once, then the engine opened and the App
 * swapped in. A failure to open (the lock held elsewhere, an unreadable state) is thrown after Ink
 * unmounted, so it is printed on the primary screen; a signal meanwhile closes the engine once open.
 */
async function openBehindFirstFrame(opening: OpeningRelease, session: Session): Promise<void> {
  const { end, bridge, opts } = session;
  const first = createElement(OpeningView, { plan: opening.plan, demo: opts.demo });
  end.instance = render(createElement(InkBridgeHost, { bridge }, first), session.ink);
  let opened: OpenRelease;
  try {
    opened = await opening.open();
  } catch (e) {
    end.instance.unmount();
    if (end.shuttingDown) return;
    throw e;
  }
  end.engine = opened.engine;
  if (end.shuttingDown) {
    await closeEngine(end);
    end.instance.unmount();
    return;
  }
  end.instance.rerender(await appFor(opened, session));
  await end.instance.waitUntilExit();
}

/**
 * Runs the cockpit until the maintainer quits (or a signal / crash ends it) and resolves with the
 * exit code: 0 (quit, nothing failed), 1 (a step failed, or closing the engine failed), 130
 * (SIGINT), 143 (SIGTERM), 129 (SIGHUP), 70 (internal error). The engine is cancelled and closed on
 * every path. Given a release still to open, the first frame is drawn before it opens.
 */
export async function runTui(source: EngineApi | OpeningRelease, opts: TuiOptions = {}): Promise<number> {
  const out = opts.stdout ?? process.stdout;
  const input = opts.stdin ?? process.stdin;
  const hooks: ProcessHooks = opts.hooks ?? (process as unknown as ProcessHooks);
  const end: Ending = { code: 0, engineClosed: false, shuttingDown: false };
  const bridge: InkBridge = {};
  const screen = createTerminalScreen(out, input, bridge);
  const listeners = processListeners(end, screen, makeShutdown(end, screen, hooks, opts.forceExitMs ?? 10_000));
  for (const [event, fn] of listeners) hooks.on(event, fn);
  const ink = { stdout: out, stdin: input, exitOnCtrlC: false, patchConsole: opts.patchConsole ?? true, maxFps: 30 };
  const session: Session = { end, screen, bridge, opts, ink };
  let openError: { error: unknown } | undefined;
  screen.enter();
  try {
    if (isEngine(source)) {
      end.engine = source;
      const opened = { engine: source, previous: opts.previous, history: opts.history };
      end.instance = render(await appFor(opened, session), ink);
      await end.instance.waitUntilExit();
    } else {
      await openBehindFirstFrame(source, session).catch((error: unknown) => {
        openError = { error };
      });
    }
  } catch (e) {
    end.code = 70;
    end.message ??= `internal error (please report): ${describe(e)}`;
  } finally {
    await closeEngine(end);
    screen.restore();
    for (const [event, fn] of listeners) hooks.off(event, fn);
  }
  if (openError) throw openError.error;
  if (opts.resume && end.engine) out.write(exitWords(end.engine.store.getState(), end.engine.plan, opts.resume));
  if (end.message) {
    (opts.stderr ?? process.stderr).write(`release-cockpit: ${end.message}\n`);
    if (end.code === 0) end.code = 1;
  }
  return end.code;
}

export interface StartTuiOptions {
  /** The embedded demo (DEMO badge; its exit words name the demo command). */
  demo?: { fast: boolean; npm: boolean };
  /** Environment of the steps' child processes (the demo's sandbox); default process.env. */
  env?: Record<string, string | undefined>;
  /** What the output pane says before any step ran. */
  intro?: string[];
}

/** `release-cockpit` (and `demo`) in a terminal. Scripts and CI use `run --headless`. */
export async function startTui(args: CliArgs, opts: StartTuiOptions = {}): Promise<number> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new UserError('the cockpit needs an interactive terminal.', {
      hint: 'Use `release-cockpit run --headless` in scripts and CI.',
    });
  }
  const env = opts.env ?? process.env;
  // Problems and warnings are printed before the screen is taken.
  const plan = await loadRunnablePlan(args, process.stderr);
  if (!plan) throw new UserError('the plan has errors (printed above); the cockpit did not open.');
  const open = async (): Promise<OpenRelease> => (await import('./tui-open.js')).openCockpit(plan, args, env);
  return runTui(
    { plan, open },
    {
      demo: opts.demo !== undefined || args.mode === 'demo',
      intro: opts.intro,
      resume: { args, headless: false, demo: opts.demo },
    },
  );
}
