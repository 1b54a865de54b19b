// Opens the engine of a planned release with the CLI's flags (cockpit, headless, demo).
import type { CliArgs } from './args.js';
import type { Plan } from '../core/plan-types.js';
import { openEngine, type Engine } from '../engine/engine.js';

/** The engine of a planned release with the CLI's flags: the one place both modes open it. */
export function openEngineForPlan(
  plan: Plan,
  args: CliArgs,
  env: Record<string, string | undefined>,
  opts: { interactive: boolean; deferSession?: boolean },
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
    deferSession: opts.deferSession,
  });
}
