// `manual`: an item the maintainer confirms ("Read the diff since v0.14.0"). In the cockpit the
// step waits for confirmManual(); headless it needs --yes, which confirms it with a note.
import { NEEDS_YES_MARK, StepWaiting } from '../step-state.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

export const MANUAL_NEEDS_YES = `manual step needs confirmation: ${NEEDS_YES_MARK} or confirm it in the cockpit`;

async function run(ctx: StepContext): Promise<StepOutcome> {
  const details = ctx.step.config.kind === 'manual' ? ctx.step.config.details : undefined;
  if (ctx.dryRun) {
    // Dry runs use an in-memory store: this verdict is never saved.
    ctx.log(`would ask the maintainer to confirm: ${ctx.step.title}`);
    return { status: 'skipped', reason: 'dry run: would ask for confirmation' };
  }
  if (ctx.yes) {
    ctx.log(`confirmed with --yes: ${ctx.step.title}`);
    return { status: 'passed', note: 'confirmed with --yes' };
  }
  if (ctx.interactive) {
    if (details) ctx.log(details);
    throw new StepWaiting(`waiting for the maintainer to confirm: ${ctx.step.title}`);
  }
  return { status: 'failed', reason: MANUAL_NEEDS_YES, needs: 'confirmation' };
}

export const manualStep: StepHandler = {
  kind: 'manual',
  run,
};
