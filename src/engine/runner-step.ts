// One step's run as the runner sees it: the handler inside its journal, the outcome masked into
// the state, a cancel or a pause told apart from a failure.
import type { PlannedStep } from '../core/plan-types.js';
import { isUserError } from '../core/user-error.js';
import { FAILED_MARK } from '../core/output-marks.js';
import type { ReleaseState } from '../core/state-types.js';
import { finishStep, interruptStep, startStep, StepPaused, StepWaiting, unstartStep } from './step-state.js';
import type { StepHandler, StepOutcome } from './step-types.js';
import { runJournalled } from './step-journal.js';
import type { PersistenceError } from '../adapters/persist-error.js';
import type { RunnerDeps, RunResult } from './runner-types.js';

/** A state change stamped with the time. */
export function updateState(deps: RunnerDeps, f: (s: ReleaseState) => ReleaseState): void {
  deps.store.setState((s) => ({ ...f(s), updatedAt: deps.nowIso() }), true);
}

/** A verdict on a step the runner did not run (no handler, unfit tree, no confirmation, dry run). */
export function endUnstarted(deps: RunnerDeps, step: PlannedStep, outcome: StepOutcome): void {
  updateState(deps, (s) =>
    finishStep(startStep(s, deps.plan, step.id, deps.nowIso()), deps.plan, step.id, outcome, deps.nowIso()),
  );
}

/** An outcome with every text a handler wrote masked: the cockpit, status and the file show it. */
function maskOutcome(o: StepOutcome, mask: (t: string) => string): StepOutcome {
  switch (o.status) {
    case 'passed':
      return {
        ...o,
        ...(o.summary !== undefined && { summary: mask(o.summary) }),
        ...(o.note !== undefined && { note: mask(o.note) }),
      };
    case 'skipped':
      return { ...o, reason: mask(o.reason), ...(o.summary !== undefined && { summary: mask(o.summary) }) };
    case 'failed':
      return { ...o, reason: mask(o.reason) };
  }
}

/** A handler threw: the environment's fault (UserError, e.g. a failed journal write) is one sentence; anything else is a bug. */
function failedOutcome(e: unknown, aborted: boolean, log: (t: string) => void): StepOutcome {
  if (aborted) return { status: 'failed', reason: 'cancelled' };
  if (isUserError(e)) return { status: 'failed', reason: e.format() };
  log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { status: 'failed', reason: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

/**
 * A step whose log could not be written fails with that sentence (a rerun runs it again, its
 * output kept), unless it is irreversible and took effect: that is not undone by a retry, and
 * the next intent is refused while the disk still fails (step-context.ts).
 */
function unlessLogLost(
  outcome: StepOutcome,
  lost: PersistenceError | undefined,
  step: PlannedStep,
  aborted: boolean,
): StepOutcome {
  if (lost === undefined || aborted || outcome.status === 'failed' || step.irreversible) return outcome;
  return { status: 'failed', reason: lost.message };
}

/** Runs the step; 'next' when it passed or was skipped. `running` names the step while its handler runs. */
export async function executeStep(
  deps: RunnerDeps,
  step: PlannedStep,
  handler: StepHandler,
  signal: AbortSignal,
  running: (id: string | undefined) => void,
): Promise<RunResult | 'next'> {
  updateState(deps, (s) => startStep(s, deps.plan, step.id, deps.nowIso()));
  running(step.id);
  const ctx = deps.context(step, signal, 'attempt');
  let outcome: StepOutcome;
  try {
    outcome = await runJournalled(step, handler, ctx, ctx.journal);
  } catch (e) {
    if (e instanceof StepPaused || e instanceof StepWaiting) {
      updateState(deps, (s) => unstartStep(s, step.id));
      deps.notice(`${step.phaseId}/${step.id}: ${e.message}`);
      return e instanceof StepPaused ? 'paused' : 'waiting';
    }
    outcome = failedOutcome(e, signal.aborted, ctx.log);
  } finally {
    running(undefined);
  }
  const lost = ctx.logFailure();
  outcome = unlessLogLost(outcome, lost, step, signal.aborted);
  // It took effect and stays passed: said beside the run's end too, not only in its output.
  if (lost && outcome.status !== 'failed') deps.notice(`${step.phaseId}/${step.id}: ${lost.message}`);
  // The reason is the failed step's last output line (the cockpit draws it red): a failure
  // without output is never an empty pane.
  if (outcome.status === 'failed' && !signal.aborted) ctx.log(`${FAILED_MARK}${outcome.reason}`);
  await ctx.dispose();
  if (signal.aborted && outcome.status === 'failed') {
    updateState(deps, (s) => interruptStep(s, step.id, deps.nowIso(), 'cancelled by the maintainer'));
    deps.store.flush();
    return 'cancelled';
  }
  const shown = maskOutcome(outcome, deps.mask);
  updateState(deps, (s) => finishStep(s, deps.plan, step.id, shown, deps.nowIso()));
  return outcome.status === 'failed' ? 'failed' : 'next';
}
