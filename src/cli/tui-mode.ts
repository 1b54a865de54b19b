// The full-screen cockpit with Ink: the first frame (the plan's header and checklist) while the
// engine opens, the App once it is open, alternate screen out on every exit path (quit, error,
// SIGINT, SIGTERM, uncaught exception, process exit), then the exit words. The terminal and the
// exit paths are the session's (tui-session.ts), usually begun before this module was loaded.
import { createElement, type ReactElement } from 'react';
import { render } from 'ink';
import type { RenderOptions } from 'ink';
import type { EngineApi } from '../engine/engine-api.js';
import type { Plan } from '../core/plan-types.js';
import { OpeningView } from '../ui/opening-view.js';
import { InkBridgeHost } from './ink-bridge.js';
import { CLEAR_SCREEN } from './tui-terminal.js';
import { exitWords, resumeCommand, type ResumeSpec } from './exit-words.js';
import type { PreviousRelease } from '../ui/previous-release.js';
import type { ReleaseShelf } from '../ui/release-shelf.js';
import type { OpenRelease } from './tui-open.js';
import { closeEngine, describe } from './tui-shutdown.js';
import { terminalSize } from '../ui/layout-geometry.js';
import { beginSession, endSession, type CockpitSession, type SessionIo } from './tui-session.js';

export { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from './tui-terminal.js';
export type { ProcessHooks } from './tui-shutdown.js';

export interface TuiOptions extends SessionIo {
  /** The embedded demo: a DEMO badge in the header. */
  demo?: boolean;
  /** What the output pane says before any step ran (the demo's sandbox explained). */
  intro?: string[];
  stderr?: { write(s: string): unknown };
  /** Route console.* above the app (default true; test runners own the console). */
  patchConsole?: boolean;
  /** How to come back to this release: the quit question and the exit words name it. */
  resume?: ResumeSpec;
  /** The last finished release (the rollback menu's when this one published nothing). */
  previous?: PreviousRelease;
  /** The repository's releases (the history view). */
  history?: ReleaseShelf;
  /** A session begun already (its screen taken, the first frame drawn); else one is begun here. */
  session?: CockpitSession;
}

/** A release whose engine is not open yet: the plan the first frame draws, and how to open it. */
export interface OpeningRelease {
  plan: Plan;
  open(): Promise<OpenRelease>;
}

function isEngine(source: EngineApi | OpeningRelease): source is EngineApi {
  return 'store' in source;
}

/** One cockpit session with Ink's options and the caller's. */
interface Run {
  session: CockpitSession;
  opts: TuiOptions;
  ink: RenderOptions;
}

/** The App for the open release, inside the host that lends Ink's writer to the terminal. */
async function appFor(opened: OpenRelease, { session, opts }: Run): Promise<ReactElement> {
  const { end, screen, bridge } = session;
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
 * Ink's first frame: the same as the one drawn as text, on the same cells (Ink writes a frame from
 * the cursor, left home, without clearing). Resized meanwhile, the two differ: the screen is cleared.
 */
function renderFirstFrame(plan: Plan, run: Run): void {
  const { session, opts } = run;
  const now = terminalSize(session.out);
  const drawn = session.drawnAt;
  if (drawn === undefined || drawn.columns !== now.columns || drawn.rows !== now.rows) session.out.write(CLEAR_SCREEN);
  const first = createElement(OpeningView, { plan, demo: opts.demo });
  session.end.instance = render(createElement(InkBridgeHost, { bridge: session.bridge }, first), run.ink);
}

/**
 * Ink's first frame, then the engine opened and the App swapped in. A failure to open (the lock
 * held elsewhere, an unreadable state) is thrown after Ink unmounted, so it is printed on the
 * primary screen; a signal meanwhile (even before Ink was loaded) closes the engine once open.
 */
async function openBehindFirstFrame(opening: OpeningRelease, run: Run): Promise<void> {
  const { end } = run.session;
  if (!end.shuttingDown) renderFirstFrame(opening.plan, run);
  let opened: OpenRelease;
  try {
    opened = await opening.open();
  } catch (e) {
    end.instance?.unmount();
    if (end.shuttingDown) return;
    throw e;
  }
  end.engine = opened.engine;
  if (end.shuttingDown || end.instance === undefined) {
    await closeEngine(end);
    end.instance?.unmount();
    return;
  }
  end.instance.rerender(await appFor(opened, run));
  await end.instance.waitUntilExit();
}

/**
 * Runs the cockpit until the maintainer quits (or a signal / crash ends it) and resolves with the
 * exit code: 0 (quit, nothing failed), 1 (a step failed, or closing the engine failed), 130
 * (SIGINT), 143 (SIGTERM), 129 (SIGHUP), 70 (internal error). The engine is cancelled and closed on
 * every path. Given a release still to open, the first frame is drawn before it opens.
 */
export async function runTui(source: EngineApi | OpeningRelease, opts: TuiOptions = {}): Promise<number> {
  const first = isEngine(source) ? undefined : { plan: source.plan, demo: opts.demo ?? false };
  const session = opts.session ?? (await beginSession(opts, first));
  const { end, out, input } = session;
  const ink = { stdout: out, stdin: input, exitOnCtrlC: false, patchConsole: opts.patchConsole ?? true, maxFps: 30 };
  const run: Run = { session, opts, ink };
  let openError: { error: unknown } | undefined;
  try {
    if (isEngine(source)) {
      end.engine = source;
      const opened = { engine: source, previous: opts.previous, history: opts.history };
      end.instance = render(await appFor(opened, run), ink);
      await end.instance.waitUntilExit();
    } else {
      await openBehindFirstFrame(source, run).catch((error: unknown) => {
        openError = { error };
      });
    }
  } catch (e) {
    end.code = 70;
    end.message ??= `internal error (please report): ${describe(e)}`;
  } finally {
    await endSession(session);
  }
  if (openError) throw openError.error;
  if (opts.resume && end.engine) out.write(exitWords(end.engine.store.getState(), end.engine.plan, opts.resume));
  if (end.message) {
    (opts.stderr ?? process.stderr).write(`release-cockpit: ${end.message}\n`);
    if (end.code === 0) end.code = 1;
  }
  return end.code;
}
