// The journal around a whole step: a step the plan marks irreversible whose handler writes no
// intents of its own (manual, changelog, archive, verify-versions, a local bump) is journalled
// here as one action ('step'). Its outcome after a crash is unknown: the maintainer decides.
import type { PlannedStep } from '../core/plan-types.js';
import { StepPaused, StepWaiting } from './step-state.js';
import type { Journal, StepContext, StepHandler, StepOutcome } from './step-types.js';
import { recordChild } from './orphans.js';

/** Whether the runner journals this step itself. */
export function journalledByRunner(step: PlannedStep, handler: StepHandler): boolean {
  return step.irreversible && handler.ownJournal?.(step) !== true;
}

/** Runs the handler, between an intent and its outcome when the runner journals the step. */
export async function runJournalled(
  step: PlannedStep,
  handler: StepHandler,
  ctx: StepContext,
  journal: Journal,
): Promise<StepOutcome> {
  if (!journalledByRunner(step, handler)) return handler.run(ctx);
  const intent = journal.append({ type: 'intent', action: 'step', target: step.id, step: step.id });
  const close = (type: 'done' | 'failed', detail?: string): void => {
    journal.append({
      type,
      id: intent.id,
      action: 'step',
      target: step.id,
      step: step.id,
      ...(detail !== undefined && { detail }),
    });
  };
  // Every command the step runs is a child of its intent: a later session waits for a live one.
  const onSpawn = recordChild(journal, intent);
  const journalled: StepContext = { ...ctx, exec: (argv, o = {}) => ctx.exec(argv, { onSpawn, ...o }) };
  let outcome: StepOutcome;
  try {
    outcome = await handler.run(journalled);
  } catch (e) {
    // Paused or waiting for the maintainer: nothing was done. Any other throw leaves the intent
    // open: whether the step took effect is unknown.
    if (e instanceof StepPaused || e instanceof StepWaiting) close('failed', `not done: ${e.message}`);
    throw e;
  }
  // Cancelled mid-step: nobody knows whether it took effect; the intent stays open.
  if (ctx.signal.aborted && outcome.status === 'failed') return outcome;
  if (outcome.status === 'failed') close('failed', outcome.reason);
  else close('done', outcome.status === 'skipped' ? `skipped: ${outcome.reason}` : undefined);
  return outcome;
}
