// What stands between the runner and an irreversible step: the clean-tree check, the
// maintainer's confirmation, and in a dry run the only rehearsal there is (handlers never see
// an irreversible step in a dry run: this prints what it would run instead of running it).
import type { PlannedStep } from '../core/plan-types.js';
import { NEEDS_YES_MARK } from './step-state.js';
import type { StepHandler } from './step-types.js';
import { confirmationOf } from './runner-asks.js';
import { endUnstarted } from './runner-step.js';
import type { RunnerDeps, RunStop } from './runner-types.js';

export const NEEDS_CONFIRMATION = `needs confirmation: ${NEEDS_YES_MARK} or use the cockpit`;

/** 'go': run the handler; 'rehearsed': a dry run printed it; otherwise where the run stops. */
export type Clearance = 'go' | 'rehearsed' | RunStop;

export async function clearIrreversible(
  deps: RunnerDeps,
  step: PlannedStep,
  handler: StepHandler,
  signal: AbortSignal,
): Promise<Clearance> {
  if (!step.irreversible) return 'go';
  // Checked right before it acts: a dry run reports it, a real run fails the step (a rerun with --yes retries it).
  const problem = await deps.treeProblem?.(step);
  if (deps.dryRun) {
    if (problem) deps.notice(`problem: ${step.phaseId}/${step.id}: ${problem}.`);
    await rehearse(deps, step, handler, signal);
    return 'rehearsed';
  }
  const stop: RunStop = { result: 'failed', stepId: step.id };
  if (problem) {
    endUnstarted(deps, step, { status: 'failed', reason: problem });
    return stop;
  }
  const ok = await deps.confirm(await confirmationOf(deps, step, handler, signal));
  if (signal.aborted) return { result: 'cancelled', stepId: step.id };
  if (ok) return 'go';
  if (deps.interactive()) return { result: 'paused', stepId: step.id };
  endUnstarted(deps, step, { status: 'failed', reason: NEEDS_CONFIRMATION, needs: 'confirmation' });
  return stop;
}

/** The dry run of an irreversible step: its read-only rehearsal, else its commands as "would run". */
async function rehearse(deps: RunnerDeps, step: PlannedStep, handler: StepHandler, signal: AbortSignal): Promise<void> {
  const ctx = deps.context(step, signal);
  try {
    if (handler.rehearse) {
      // Read-only look at reality (e.g. the index): "would run" only for what is not done yet.
      await handler.rehearse(ctx);
    } else {
      const commands = handler.commands?.(step, deps.plan) ?? [];
      for (const argv of commands) ctx.log(`would run: ${argv.join(' ')}`);
      if (commands.length === 0) ctx.log(`would run: ${step.title}`);
    }
  } finally {
    await ctx.dispose();
  }
  // Dry runs use an in-memory store: this verdict is never saved.
  endUnstarted(deps, step, { status: 'skipped', reason: 'dry run: not run' });
}
