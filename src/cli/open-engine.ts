// Opens the engine for a CLI invocation (cockpit, headless, demo): config, plan, refusal of a
// plan with errors.
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import type { Plan } from '../core/plan-types.js';
import { openEngine, type Engine } from '../engine/engine.js';
import { resolve } from 'node:path';
import { loadConfig } from './load-config.js';
import { buildPlan } from '../core/plan.js';
import { createFsView } from '../adapters/fs-view.js';
import { formatProblem } from './plan-mode.js';
import { runPlan } from './release-lookup.js';
import { withPreviousTag } from './previous-tag.js';
import { plural } from '../core/plural.js';

/**
 * Loads the config and plan of the repo; refuses plans with error-level problems (printed). Its
 * warnings (new library crates since the previous tag among them) are printed too.
 */
export async function loadRunnablePlan(args: CliArgs, err: { write(s: string): unknown }): Promise<Plan | undefined> {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  // The release in progress (or --version) rather than the config's version when they differ.
  const plan = await withPreviousTag(runPlan(buildPlan(config, configPath, repo, createFsView(repo)), args.version));
  const errors = plan.problems.filter((p) => p.severity === 'error');
  for (const p of plan.problems) err.write(`${formatProblem(p)}\n`);
  if (errors.length > 0) {
    err.write(
      `release-cockpit: the plan has ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} before running (see \`release-cockpit plan\`).\n`,
    );
    return undefined;
  }
  return plan;
}

/** The engine of a planned release with the CLI's flags: the one place both modes open it. */
export function openEngineForPlan(
  plan: Plan,
  args: CliArgs,
  env: Record<string, string | undefined>,
  opts: { interactive: boolean },
): Promise<Engine> {
  return openEngine({
    repo: plan.repo,
    configPath: plan.configPath,
    plan,
    dryRun: args.dryRun,
    yes: args.yes,
    only: args.only,
    env,
    interactive: opts.interactive,
  });
}

export async function openEngineForArgs(args: CliArgs, env: Record<string, string | undefined>): Promise<Engine> {
  const plan = await loadRunnablePlan(args, process.stderr);
  if (!plan) throw new UserError('the plan has errors (printed above); the cockpit did not open.');
  return openEngineForPlan(plan, args, env, { interactive: true });
}
