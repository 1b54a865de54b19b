// The runner: phases in order (or only --only PHASE), steps in order. Finished steps are never run
// again; it stops at a failed or interrupted step (resume needs retry or skip; with --yes an
// interrupted step is retried once its open journal intents are settled). One step at a time.
import type { Plan, PlannedStep } from '../core/plan-types.js';
import { UserError } from '../core/user-error.js';
import { allSteps } from '../core/plan-lookup.js';
import { createIntentSettler } from './runner-intents.js';
import { clearIrreversible } from './runner-irreversible.js';
import { readiness } from './runner-resume.js';
import { endUnstarted, executeStep } from './runner-step.js';
import type { Runner, RunnerDeps, RunResult, RunStop } from './runner-types.js';

export function scopeOf(plan: Plan, only: string | undefined): PlannedStep[] {
  if (only === undefined) return allSteps(plan);
  const phase = plan.phases.find((p) => p.id === only);
  if (!phase) {
    throw new UserError(`--only ${only}: no such phase.`, {
      hint: `Phases: ${plan.phases.map((p) => p.id).join(', ')}.`,
    });
  }
  return phase.steps;
}

export function createRunner(deps: RunnerDeps): Runner {
  const steps = scopeOf(deps.plan, deps.only);
  const acknowledged = new Set<string>();
  const intents = createIntentSettler(deps, acknowledged);
  let inFlight: Promise<RunResult> | undefined;
  let controller: AbortController | undefined;
  let running: string | undefined;
  let stop: RunStop | undefined;

  /** One step from where it stands to its end; undefined to go on to the next. */
  async function stepThrough(step: PlannedStep, signal: AbortSignal): Promise<RunStop | undefined> {
    const ready = await readiness(deps, step, intents, acknowledged);
    if (ready === 'finished') return undefined;
    if (ready !== 'go') return ready;
    const handler = deps.handler(step.kind);
    if (!handler) {
      const reason = `step kind ${step.kind} is not available in this build`;
      endUnstarted(deps, step, { status: 'failed', reason });
      return { result: 'failed', stepId: step.id };
    }
    const clearance = await clearIrreversible(deps, step, handler, signal);
    if (clearance === 'rehearsed') return undefined;
    if (clearance !== 'go') return clearance;
    const r = await executeStep(deps, step, handler, signal, (id) => (running = id));
    if (step.irreversible) deps.store.flush();
    return r === 'next' ? undefined : { result: r, stepId: step.id };
  }

  async function loop(signal: AbortSignal): Promise<RunStop> {
    for (const step of steps) {
      if (signal.aborted) return { result: 'cancelled', stepId: step.id };
      const stopped = await stepThrough(step, signal);
      if (stopped) return stopped;
    }
    return { result: 'done' };
  }

  return {
    runToEnd() {
      if (inFlight) return inFlight;
      controller = new AbortController();
      inFlight = loop(controller.signal)
        .then((s) => {
          stop = s;
          return s.result;
        })
        .finally(() => {
          deps.store.flush();
          inFlight = undefined;
        });
      return inFlight;
    },
    async cancel() {
      controller?.abort();
      if (inFlight) await inFlight.catch(() => undefined);
      deps.store.flush();
    },
    isRunning: () => inFlight !== undefined,
    runningStepId: () => running,
    lastStop: () => stop,
    reconcile: (stepId) => intents.reconcile(stepId),
    acknowledge: (id) => void acknowledged.add(id),
  };
}
