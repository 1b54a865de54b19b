// Where a step stands before the runner may start it: finished steps are passed over; a failed
// or interrupted one runs again only with --yes (or the maintainer's retry), once its open
// journal intents are settled; a step running in a live session stops a dry run beside it.
import type { PlannedStep } from '../core/plan-types.js';
import { interruptStep, retryStep } from './step-state.js';
import type { IntentSettler } from './runner-intents.js';
import { updateState } from './runner-step.js';
import type { RunnerDeps, RunStop } from './runner-types.js';

/** 'finished': nothing to do; 'go': the step may start; otherwise where the run stops. */
export type Readiness = 'finished' | 'go' | RunStop;

export async function readiness(
  deps: RunnerDeps,
  step: PlannedStep,
  intents: IntentSettler,
  acknowledged: ReadonlySet<string>,
): Promise<Readiness> {
  let st = deps.store.getState().steps[step.id]?.status ?? 'pending';
  if (st === 'passed' || st === 'skipped') return 'finished';
  const stop: RunStop = { result: 'failed', stepId: step.id };
  if (st === 'running' && deps.liveRun) {
    deps.notice(
      `${step.phaseId}/${step.id} is running in the live session (pid ${deps.liveRun.pid} on ${deps.liveRun.host}): the dry run stops here.`,
    );
    return { result: 'waiting', stepId: step.id };
  }
  if (st === 'running') {
    // Only possible if a previous loop died on a bug: treat like a crash.
    updateState(deps, (s) => interruptStep(s, step.id, deps.nowIso(), 'found running'));
    st = 'interrupted';
  }
  if (st === 'failed') return (await retryFailed(deps, step, intents)) ? 'go' : stop;
  if (st === 'interrupted') return (await retryInterrupted(deps, step, intents, acknowledged)) ? 'go' : stop;
  return deps.dryRun || (await intents.settle(step)) ? 'go' : stop;
}

/** A rerun with --yes is the retry (CI resumes by running again), once open intents are settled. */
async function retryFailed(deps: RunnerDeps, step: PlannedStep, intents: IntentSettler): Promise<boolean> {
  const label = `${step.phaseId}/${step.id}`;
  const { reason = '', needs } = deps.store.getState().steps[step.id] ?? {};
  if (!deps.yes) {
    deps.notice(
      `${label} failed earlier (${reason || 'no reason recorded'}): ${deps.interactive() ? 'retry or skip it to go on' : `rerun with --yes to retry it, or with --retry ${step.id} or --skip ${step.id} --reason TEXT`}.`,
    );
    return false;
  }
  if (!deps.dryRun && !(await intents.settle(step))) return false;
  if (needs !== 'confirmation')
    deps.notice(`${label} failed earlier (${reason || 'no reason recorded'}): retrying it (--yes).`);
  updateState(deps, (s) => retryStep(s, step.id));
  return true;
}

/** An idempotent step runs again by itself; any other needs --yes or the maintainer's retry. */
async function retryInterrupted(
  deps: RunnerDeps,
  step: PlannedStep,
  intents: IntentSettler,
  acknowledged: ReadonlySet<string>,
): Promise<boolean> {
  const label = `${step.phaseId}/${step.id}`;
  const idempotent = step.config.kind === 'run' && step.config.idempotent;
  if (idempotent) deps.notice(`${label} was interrupted; it is idempotent, so it runs again.`);
  else if (!deps.yes && !acknowledged.has(step.id)) {
    deps.notice(`${label} was interrupted: retry or skip it in the cockpit, or rerun with --yes to retry it.`);
    return false;
  }
  if (!(await intents.settle(step))) return false;
  updateState(deps, (s) => retryStep(s, step.id));
  return true;
}
