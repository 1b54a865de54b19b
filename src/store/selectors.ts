// Pure reads of the release state, shared by the UI, the headless reporter, status and the runner.
import type { Plan } from '../core/plan-types.js';
import type { CrateStatus, ReleaseState, StepState, StepStatus } from '../core/state-types.js';
import { allSteps } from '../core/plan-lookup.js';

/** Passed or skipped: the runner moves past it and never runs it again. */
export function isFinished(status: StepStatus | undefined): boolean {
  return status === 'passed' || status === 'skipped';
}

export function stepStatus(state: ReleaseState, id: string): StepStatus {
  return state.steps[id]?.status ?? 'pending';
}

/** The running step, else the first one not finished (where the cursor should be). */
export function currentStepId(state: ReleaseState, plan: Pick<Plan, 'phases'>): string | undefined {
  const steps = allSteps(plan);
  return (
    steps.find((s) => stepStatus(state, s.id) === 'running')?.id ??
    steps.find((s) => !isFinished(stepStatus(state, s.id)))?.id
  );
}

export function phaseProgress(
  state: ReleaseState,
  plan: Pick<Plan, 'phases'>,
  phaseId: string,
): { done: number; total: number } {
  const steps = plan.phases.find((p) => p.id === phaseId)?.steps ?? [];
  return { done: steps.filter((s) => isFinished(stepStatus(state, s.id))).length, total: steps.length };
}

export type Overall = 'not-started' | 'in-progress' | 'failed' | 'done';

export function overallStatus(state: ReleaseState, plan: Pick<Plan, 'phases'>): Overall {
  const statuses = allSteps(plan).map((s) => stepStatus(state, s.id));
  if (statuses.every(isFinished)) return 'done';
  if (statuses.some((s) => s === 'failed' || s === 'interrupted')) return 'failed';
  return statuses.every((s) => s === 'pending') ? 'not-started' : 'in-progress';
}

export function crateCounts(state: ReleaseState): Partial<Record<CrateStatus, number>> & { total: number } {
  const out: Partial<Record<CrateStatus, number>> & { total: number } = { total: 0 };
  for (const c of Object.values(state.crates)) {
    out[c.status] = (out[c.status] ?? 0) + 1;
    out.total++;
  }
  return out;
}

/** Elapsed time of a step: final duration, or time since start while it runs; the machine's sleep left out. */
export function stepElapsedMs(step: StepState | undefined, now: number): number | undefined {
  if (!step) return undefined;
  if (step.durationMs !== undefined) return step.durationMs;
  if (step.status === 'running' && step.startedAt)
    return Math.max(0, now - Date.parse(step.startedAt) - (step.sleptMs ?? 0));
  return undefined;
}

/**
 * Something ran, was confirmed or skipped, or a crate was acted on: from then on the release
 * exists (its state is saved and commands address it). Opening a cockpit alone starts nothing.
 */
export function hasStarted(state: ReleaseState): boolean {
  return (
    Object.values(state.steps).some((s) => s.status !== 'pending' || s.attempts > 0) ||
    Object.values(state.crates).some((c) => c.status !== 'pending' || c.attempts > 0)
  );
}

/** Crate states with a command or a wait under way: a paused queue still sees these through. */
const CRATE_IN_FLIGHT: ReadonlySet<CrateStatus> = new Set([
  'publishing',
  'waiting-index',
  'grace',
  'rate-limited',
  'retrying',
]);

/** What a paused publish step says (status, headless): why, and the two ways to resume it. */
export function pausedPublishText(stepId: string): string {
  return `the publish queue is paused: p in the cockpit resumes it, or \`run --headless --retry ${stepId}\``;
}

/**
 * A publish step at rest because the maintainer paused its queue: the queue is paused and no
 * crate is in flight. Whether its session waits for p (running), stopped there (pending) or was
 * closed meanwhile (interrupted), nothing was cut off: it reads "paused", and p resumes it.
 */
export function isPausedPublish(
  state: Pick<ReleaseState, 'steps' | 'crates' | 'queuePaused'>,
  step: { id: string; kind: string },
): boolean {
  if (step.kind !== 'publish-crates' || !state.queuePaused) return false;
  const st = state.steps[step.id];
  if (!st || (st.status !== 'running' && st.status !== 'pending' && st.status !== 'interrupted')) return false;
  if (st.status === 'pending' && st.attempts === 0) return false;
  return !Object.values(state.crates).some((c) => CRATE_IN_FLIGHT.has(c.status));
}
