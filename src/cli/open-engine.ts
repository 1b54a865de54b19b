// Opens the engine for a CLI invocation (cockpit and demo): config, plan, refusal of a plan
// with errors, and the extensions every real session uses.
import type { CliArgs } from './args.js';
import { UserError } from '../core/user-error.js';
import { openEngine, type Engine } from '../engine/engine.js';
import { cockpitExtensions } from '../engine/cockpit-extensions.js';
import { loadRunnablePlan } from './run-mode.js';

export async function openEngineForArgs(args: CliArgs, env: Record<string, string | undefined>): Promise<Engine> {
  const plan = loadRunnablePlan(args, process.stderr);
  if (!plan) throw new UserError('the plan has errors (printed above); the cockpit did not open.');
  return openEngine({
    repo: plan.repo,
    configPath: plan.configPath,
    plan,
    dryRun: args.dryRun,
    yes: args.yes,
    only: args.only,
    env,
    interactive: true,
    extensions: cockpitExtensions,
  });
}
