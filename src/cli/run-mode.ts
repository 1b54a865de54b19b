// `release-cockpit run --headless [--yes] [--dry-run] [--only PHASE]`: the same engine as the
// cockpit, with line output. Exit 0 when the release (or the phase) is done, 1 when a step failed
// or waits for the maintainer, 130/143/129 when stopped by SIGINT/SIGTERM/SIGHUP (state saved, lock
// released).
import type { CliArgs } from './args.js';
import { attachHeadlessReporter, formatSummary, shouldColor } from './headless-reporter.js';
import { createBatchedOutput } from '../core/batched-output.js';
import { openEngineForPlan } from './open-engine.js';
import { loadRunnablePlan } from './runnable-plan.js';
import { completionLines, type CompletionSurface } from '../core/completion.js';
import type { Engine } from '../engine/engine.js';
import { exitWords, resumeCommand } from './exit-words.js';
import { singleStepAction } from './single-step-action.js';
import { regularFileWriter } from '../adapters/text-writer.js';
import { plural } from '../core/plural.js';

export interface HeadlessIo {
  /** `fd`: when it is a regular file (a CI log), output is written to it directly. */
  out: { write(s: string): unknown; isTTY?: boolean; fd?: number };
  err: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

/** 128 + the signal's number, as shells report it. SIGHUP: the terminal went away (ssh dropped). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export interface HeadlessOptions {
  /** The embedded demo: its exit words name the demo command. */
  demo?: { fast: boolean; npm: boolean };
}

export async function runHeadless(
  args: CliArgs,
  io: HeadlessIo = { out: process.stdout, err: process.stderr, env: process.env },
  opts: HeadlessOptions = {},
): Promise<number> {
  const plan = await loadRunnablePlan(args, io.err);
  if (!plan) return 1;
  const color = shouldColor(io.out, io.env);
  // A run refused for want of --yes did nothing: it is not counted as a session.
  const engine = await openEngineForPlan(plan, args, io.env, { interactive: false, deferSession: true });
  const out = createBatchedOutput(outputSink(io));
  let signalCode: number | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (signalCode !== undefined) {
      // Second signal: stop waiting for the step to wind down; exit hooks still save and unlock.
      out.flush();
      process.exit(signalCode);
    }
    signalCode = SIGNAL_EXIT[sig] ?? 143;
    io.err.write(`\nrelease-cockpit: ${sig}: stopping the running step (again to force)\n`);
    void engine.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  let reporter: { detach(): void } | undefined;
  try {
    const act = singleStepAction(engine, args);
    if (!args.yes && !args.dryRun && refuseConfirmations(engine, { args, act, io, demo: opts.demo })) return 1;
    engine.beginSession();
    reporter = attachHeadlessReporter(engine, { write: out.write, color });
    act?.();
    const st = engine.store.getState();
    out.write(`${plan.project} ${plan.version}: session ${st.sessions}, state in ${engine.stateDir}\n`);
    if (args.dryRun) out.write('dry run: nothing is saved and no irreversible action runs\n');
    const result = await engine.runToEnd();
    out.write(formatSummary(engine.store.getState(), plan, result, color));
    // The cockpit's completion panel, as lines: what the release produced and what comes next.
    if (result === 'done' && !args.dryRun)
      out.write(`${completionLines(await engine.completion(), completionSurface(args, opts.demo)).join('\n')}\n`);
    out.flush();
    if (!args.dryRun) io.err.write(exitWords(engine.store.getState(), plan, { args, headless: true, demo: opts.demo }));
    if (signalCode !== undefined) return signalCode;
    return result === 'done' ? 0 : 1;
  } finally {
    reporter?.detach();
    out.flush();
    await engine.close();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  }
}

/** Where the completion's rollback hint points: the demo's own cockpit for the demo. */
function completionSurface(args: CliArgs, demo: HeadlessOptions['demo']): CompletionSurface {
  return demo ? { demoCockpit: resumeCommand({ args, headless: false, demo }) } : 'headless';
}

/**
 * Where headless output goes: straight to the file when stdout is one (no stream machinery and
 * no fresh buffer per write: a flood's output is written like `tee` writes it), else the stream.
 * A failing file write (disk full) is said once on stderr; the run goes on without output.
 */
function outputSink(io: HeadlessIo): (pieces: readonly string[]) => void {
  const direct = regularFileWriter(io.out);
  if (direct === undefined) return (pieces) => void io.out.write(pieces.join(''));
  let failed = false;
  return (pieces) => {
    if (failed) return;
    try {
      direct(pieces);
    } catch (error) {
      failed = true;
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      io.err.write(`release-cockpit: writing to stdout failed (${why}); the run goes on, its output is not shown\n`);
    }
  };
}

interface RefusalContext {
  args: CliArgs;
  act: (() => void) | undefined;
  io: HeadlessIo;
  demo?: HeadlessOptions['demo'];
}

/** Without --yes: the confirmations the run will need, listed before anything changes (true: refused). */
function refuseConfirmations(engine: Engine, { args, act, io, demo }: RefusalContext): boolean {
  const skipped = act && args.skip !== undefined ? args.skip : undefined;
  const needed = engine.neededConfirmations().filter((c) => c.stepId !== skipped);
  if (needed.length === 0) return false;
  const lines = needed.map((c) => `  ${c.phaseId}/${c.stepId}: ${c.what}`);
  // The demo's own command (its sandbox's config means nothing outside it), never `npm start`: that is the cockpit.
  const withYes = resumeCommand({ args, headless: true, demo: demo && { ...demo, npm: false } });
  io.err.write(
    `release-cockpit: this run needs ${plural(needed.length, 'confirmation')} and --yes was not given; nothing was changed:\n${lines.join('\n')}\n` +
      `Run it with --yes to answer them (\`${withYes}\`), or use the cockpit.\n`,
  );
  return true;
}
