// The plan a run opens: config, plan, the release in progress, refusal of a plan with errors. No
// engine here: the cockpit draws its first frame from this plan before it loads and opens one.
import type { CliArgs } from './args.js';
import type { Plan } from '../core/plan-types.js';
import type { GitDirsAnswer } from '../adapters/git-dirs-query.js';
import { resolve } from 'node:path';
import { loadConfig } from './load-config.js';
import { buildPlan } from '../core/plan.js';
import { createFsView } from '../adapters/fs-view.js';
import { formatProblem } from '../core/problem-text.js';
import { runPlan } from './release-lookup.js';
import { askRepo, withPreviousTag } from './previous-tag.js';
import { plural } from '../core/plural.js';

/**
 * Loads the config and plan of the repo; refuses plans with error-level problems (printed). Its
 * warnings (new library crates since the previous tag among them) are printed too. `gitDirs`:
 * git's answer about the repo asked already (askGitDirsEarly), else it is asked here.
 */
export async function loadRunnablePlan(
  args: CliArgs,
  err: { write(s: string): unknown },
  gitDirs?: Promise<GitDirsAnswer>,
): Promise<Plan | undefined> {
  const repo = resolve(args.repo);
  const { config, configPath } = loadConfig(repo, args.config);
  // git answers (the state's place, the tags) while the plan is built.
  const asked = askRepo(repo, config, gitDirs);
  const built = buildPlan(config, configPath, repo, createFsView(repo));
  await asked;
  // The release in progress (or --version) rather than the config's version when they differ.
  const plan = await withPreviousTag(runPlan(built, args.version), asked);
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
