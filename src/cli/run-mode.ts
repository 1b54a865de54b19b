// `release-cockpit run --headless [--yes] [--dry-run] [--only PHASE]`: the same engine as the
// cockpit, with line output. Exit 0 when the release (or the phase) is done, 1 when a step failed
// or waits for the maintainer, 130/143 when stopped by SIGINT/SIGTERM (state saved, lock released).
import { resolve } from 'node:path';
import type { CliArgs } from './args.js';
import type { Plan } from '../core/plan-types.js';
import { loadConfig } from '../config/load.js';
import { buildPlan } from '../core/plan.js';
import { createFsView } from '../adapters/fs-view.js';
import { openEngine } from '../engine/engine.js';
import type { EngineExtensions } from '../engine/engine.js';
import { attachHeadlessReporter, formatSummary, shouldColor } from '../engine/headless-reporter.js';
import { formatProblem } from './plan-mode.js';
import { cockpitExtensions } from '../engine/cockpit-extensions.js';

export interface HeadlessIo {
  out: { write(s: string): unknown; isTTY?: boolean };
  err: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

/** `run` without --headless in a terminal is the cockpit; anywhere else it is headless. */
export async function runRunMode(args: CliArgs): Promise<number> {
  if (!args.headless && process.stdout.isTTY === true && process.stdin.isTTY === true) {
    return (await import('./tui-mode.js')).startTui(args);
  }
  return runHeadless(args);
}

/** Loads the config and plan of the repo; refuses plans with error-level problems (printed). */
export function loadRunnablePlan(args: CliArgs, err: HeadlessIo['err']): Plan | undefined {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  const plan = buildPlan(config, configPath, repo, createFsView(repo));
  const errors = plan.problems.filter((p) => p.severity === 'error');
  for (const p of plan.problems) err.write(`${formatProblem(p)}\n`);
  if (errors.length > 0) {
    err.write(`release-cockpit: the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before running (see \`release-cockpit plan\`).\n`);
    return undefined;
  }
  return plan;
}

export async function runHeadless(
  args: CliArgs,
  io: HeadlessIo = { out: process.stdout, err: process.stderr, env: process.env },
  extensions: EngineExtensions = cockpitExtensions,
): Promise<number> {
  const plan = loadRunnablePlan(args, io.err);
  if (!plan) return 1;
  const color = shouldColor(io.out, io.env);
  const engine = await openEngine({
    repo: plan.repo,
    configPath: plan.configPath,
    plan,
    dryRun: args.dryRun,
    yes: args.yes,
    only: args.only,
    env: io.env,
    extensions,
  });
  let signalCode: number | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (signalCode !== undefined) {
      // Second signal: stop waiting for the step to wind down; exit hooks still save and unlock.
      process.exit(signalCode);
    }
    signalCode = sig === 'SIGINT' ? 130 : 143;
    io.err.write(`\nrelease-cockpit: ${sig}: stopping the running step (again to force)\n`);
    void engine.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const reporter = attachHeadlessReporter(engine, { write: (s) => void io.out.write(s), color });
  try {
    const st = engine.store.getState();
    io.out.write(`${plan.project} ${plan.version}: session ${st.sessions}, state in ${engine.stateDir}\n`);
    if (args.dryRun) io.out.write('dry run: nothing is saved and no irreversible action runs\n');
    const result = await engine.runToEnd();
    io.out.write(formatSummary(engine.store.getState(), plan, result, color));
    if (signalCode !== undefined) return signalCode;
    return result === 'done' ? 0 : 1;
  } finally {
    reporter.detach();
    await engine.close();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
