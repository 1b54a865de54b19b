// `manual`: an item the maintainer confirms ("Read the diff since v0.14.0"). In the cockpit the
// step waits for confirmManual(); headless it needs --yes, which confirms it with a note. Its
// optional `show` command (read-only, e.g. `git log --oneline ${previousTag}..HEAD`) runs when
// the item is reached, so its output is what the output pane shows beside the question; the cockpit
// also previews it when the item is selected earlier (step-preview.ts).
import { NEEDS_YES_MARK, StepWaiting } from '../step-state.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { failureReason } from './run.js';
import type { ExecResult } from '../../adapters/exec-types.js';

export const MANUAL_NEEDS_YES = `manual step needs confirmation: ${NEEDS_YES_MARK} or confirm it in the cockpit`;

/** What the output says when the `show` command failed (reached or previewed: one wording). */
export function showFailed(r: ExecResult): string {
  return `(the show command did not succeed: ${failureReason(r)})`;
}

/** Runs the step's `show` command into its output; a failure is said there and does not fail the step. */
async function show(ctx: StepContext): Promise<void> {
  const argv = ctx.step.config.kind === 'manual' ? ctx.step.config.show : undefined;
  if (!argv) return;
  ctx.log(`$ ${argv.join(' ')}`);
  const r = await ctx.exec(argv);
  if (r.exitCode !== 0 && !r.cancelled) ctx.log(showFailed(r));
}

const detailsOf = (ctx: StepContext): string | undefined =>
  ctx.step.config.kind === 'manual' ? ctx.step.config.details : undefined;

/**
 * A manual step marked irreversible is asked once: the runner's confirmation of an irreversible
 * step is the step's own question (what to do, and that it cannot be undone), its `show` output
 * beside it; the runner runs the step only after a yes, so run() then passes it.
 */
async function confirmation(ctx: StepContext): Promise<ConfirmRequest> {
  await show(ctx);
  const details = detailsOf(ctx);
  return {
    title: ctx.step.title,
    commands: [],
    manual: { steps: details ? details.split('\n') : [ctx.step.title], yes: 'I did it: mark the step done' },
  };
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const details = detailsOf(ctx);
  if (ctx.dryRun) {
    // Dry runs use an in-memory store: this verdict is never saved.
    ctx.log(`would ask the maintainer to confirm: ${ctx.step.title}`);
    return { status: 'skipped', reason: 'dry run: would ask for confirmation' };
  }
  if (ctx.step.irreversible) {
    // Reached only after the runner's confirmation said yes (or --yes): that was the question.
    const note = ctx.yes ? 'confirmed with --yes' : 'confirmed in the cockpit';
    ctx.log(`${note}: ${ctx.step.title}`);
    return { status: 'passed', note };
  }
  if (ctx.yes) {
    await show(ctx);
    ctx.log(`confirmed with --yes: ${ctx.step.title}`);
    return { status: 'passed', note: 'confirmed with --yes' };
  }
  if (ctx.interactive) {
    if (details) ctx.log(details);
    await show(ctx);
    throw new StepWaiting(`waiting for the maintainer to confirm: ${ctx.step.title}`);
  }
  return { status: 'failed', reason: MANUAL_NEEDS_YES, needs: 'confirmation' };
}

export const manualStep: StepHandler = {
  kind: 'manual',
  commands: (step) => (step.config.kind === 'manual' && step.config.show ? [step.config.show] : []),
  confirmation,
  run,
};
