// What the runner asks a step kind's handler besides running it: did an interrupted action
// happen (reconcile), and what does its confirmation show.
import type { PlannedStep } from '../core/plan-types.js';
import type { JournalEntry, Verdict } from '../core/journal-types.js';
import { settleOrphans } from './orphans.js';
import { isRollbackIntent, ROLLBACK_STEP, rollbackVerdict } from './rollback-reconcile.js';
import type { RunnerDeps } from './runner-types.js';
import type { ConfirmRequest, StepHandler } from './step-types.js';

/** Asks the step kind's reconcile whether an interrupted action happened; unknown when it cannot tell. */
export async function verdictOf(
  deps: RunnerDeps,
  step: PlannedStep | undefined,
  intent: JournalEntry,
  wait: boolean,
): Promise<Verdict> {
  // A rollback action belongs to no step: settled the same way, under the rollback output.
  const rollback = isRollbackIntent(intent);
  if (!step && !rollback) return 'unknown';
  const handler = rollback || !step ? undefined : deps.handler(step.kind);
  const ctx = deps.context(rollback || !step ? ROLLBACK_STEP : step, new AbortController().signal);
  try {
    // A command of the previous session still at it: no verdict until it is gone (orphans.ts).
    if (!(await settleOrphans(ctx, intent, wait))) return 'unknown';
    if (rollback) return await rollbackVerdict(ctx, intent);
    if (!handler?.reconcile || intent.action === 'step') return 'unknown';
    return await handler.reconcile(ctx, intent, { wait });
  } catch (e) {
    deps.notice(`Could not check whether ${intent.action} ${intent.target} happened: ${(e as Error).message}`);
    return 'unknown';
  } finally {
    await ctx.dispose();
  }
}

/** What the confirmation shows: the handler's view of what runs now, else its commands. */
export async function confirmationOf(
  deps: RunnerDeps,
  step: PlannedStep,
  handler: StepHandler,
  signal: AbortSignal,
): Promise<ConfirmRequest> {
  const plain: ConfirmRequest = { title: step.title, commands: handler.commands?.(step, deps.plan) ?? [] };
  if (!handler.confirmation) return plain;
  const ctx = deps.context(step, signal);
  try {
    return await handler.confirmation(ctx);
  } catch (e) {
    return {
      ...plain,
      warnings: [
        `Could not check what is left to do (${(e as Error)?.message ?? String(e)}): these are every command of the step.`,
      ],
    };
  } finally {
    await ctx.dispose();
  }
}
