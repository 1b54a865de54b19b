// `release-cockpit` (and `demo`, and `run` in a terminal): the plan loaded and checked on the
// primary screen, then the screen taken with the first frame drawn as text, and only then React,
// Ink and the App loaded (tui-mode.ts) while the engine opens. Nothing here loads Ink or React:
// scripts/build.mjs fails the build if this module's chunks import them.
import type { CliArgs } from './args.js';
import type { GitDirsAnswer } from '../adapters/git-dirs-query.js';
import { UserError } from '../core/user-error.js';
import type { OpenRelease } from './tui-open.js';
import type * as TuiMode from './tui-mode.js';
import { loadRunnablePlan } from './runnable-plan.js';
import { beginSession, endSession } from './tui-session.js';

export interface StartTuiOptions {
  /** The embedded demo (DEMO badge; its exit words name the demo command). */
  demo?: { fast: boolean; npm: boolean };
  /** Environment of the steps' child processes (the demo's sandbox); default process.env. */
  env?: Record<string, string | undefined>;
  /** What the output pane says before any step ran. */
  intro?: string[];
  /** git's answer about args.repo, asked before this module was loaded (askGitDirsEarly). */
  gitDirs?: Promise<GitDirsAnswer>;
}

/** Scripts and CI use `run --headless`. */
export async function startTui(args: CliArgs, opts: StartTuiOptions = {}): Promise<number> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new UserError('the cockpit needs an interactive terminal.', {
      hint: 'Use `release-cockpit run --headless` in scripts and CI.',
    });
  }
  const env = opts.env ?? process.env;
  // Problems and warnings are printed before the screen is taken.
  const plan = await loadRunnablePlan(args, process.stderr, opts.gitDirs);
  if (!plan) throw new UserError('the plan has errors (printed above); the cockpit did not open.');
  const demo = opts.demo !== undefined || args.mode === 'demo';
  const session = await beginSession({}, { plan, demo });
  // The engine opens (its modules load, then lock, saved state, journal) while Ink loads.
  const opening = import('./tui-open.js').then((m): Promise<OpenRelease> => m.openCockpit(plan, args, env));
  // Its failure is the cockpit's to report once Ink is up; not an unhandled rejection meanwhile.
  opening.catch(() => undefined);
  let tui: typeof TuiMode;
  try {
    tui = await import('./tui-mode.js');
  } catch (e) {
    await opening.then((opened) => (session.end.engine = opened.engine)).catch(() => undefined);
    await endSession(session);
    throw e;
  }
  return tui.runTui(
    { plan, open: () => opening },
    { session, demo, intro: opts.intro, resume: { args, headless: false, demo: opts.demo } },
  );
}
