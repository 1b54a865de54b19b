// The step state machine, pure: state in, state out, no IO, no clock (times are passed in).
//   pending -> running -> passed | failed | skipped(reason) | interrupted
//   failed | interrupted -> pending (retry);  any but passed/running -> skipped (reason required)
// Phases get startedAt when their first step starts and completedAt when all are finished: the
// seeds' "Release Execution Log".
import type { Plan } from '../core/plan-types.js';
import { UserError } from '../core/user-error.js';
import { isFinished } from '../store/selectors.js';
import type { ReleaseState, StepState, StepStatus } from '../core/state-types.js';
import type { StepOutcome } from './step-types.js';

type Phases = Pick<Plan, 'phases'>;

/** Thrown by a handler to stop without a verdict (queue paused, confirmation declined in the TUI): the step goes back to pending. */
export class StepPaused extends Error {
  constructor(message = 'paused') {
    super(message);
    this.name = 'StepPaused';
  }
}

/** Thrown by a handler that needs the maintainer (a manual step in the cockpit): the step goes back to pending and the runner stops with 'waiting'. */
export class StepWaiting extends Error {
  constructor(message = 'waiting for the maintainer') {
    super(message);
    this.name = 'StepWaiting';
  }
}

/** Said in the reason of a failure that only lacked a confirmation (StepState.needs marks it). */
export const NEEDS_YES_MARK = 'rerun with --yes';

export const canRetry = (s: StepStatus): boolean => s === 'failed' || s === 'interrupted';
export const canSkip = (s: StepStatus): boolean => s !== 'passed' && s !== 'running';

export function startStep(state: ReleaseState, plan: Phases, id: string, nowIso: string): ReleaseState {
  const cur = get(state, id);
  if (cur.status !== 'pending') throw refuse('start', id, cur.status);
  const next: StepState = { status: 'running', attempts: cur.attempts + 1, startedAt: nowIso };
  return touchPhases(put(state, id, next), plan, id, nowIso);
}

export function finishStep(
  state: ReleaseState,
  plan: Phases,
  id: string,
  outcome: StepOutcome,
  nowIso: string,
): ReleaseState {
  const cur = get(state, id);
  if (cur.status !== 'running') throw refuse('finish', id, cur.status);
  const ended: StepState = {
    ...cur,
    status: outcome.status,
    endedAt: nowIso,
    durationMs: duration(cur, nowIso),
  };
  if (outcome.status !== 'failed' && outcome.summary !== undefined) ended.summary = outcome.summary;
  if (outcome.status !== 'passed') ended.reason = outcome.reason;
  if (outcome.status === 'passed' && outcome.note !== undefined) ended.note = outcome.note;
  if (outcome.status === 'failed' && outcome.exitCode !== undefined) ended.exitCode = outcome.exitCode;
  if (outcome.status === 'failed' && outcome.needs !== undefined) ended.needs = outcome.needs;
  return touchPhases(put(state, id, ended), plan, id, nowIso);
}

/** running -> interrupted (cancelled, or found running after a crash). */
export function interruptStep(state: ReleaseState, id: string, nowIso: string, reason = 'interrupted'): ReleaseState {
  const cur = get(state, id);
  if (cur.status !== 'running') throw refuse('interrupt', id, cur.status);
  return put(state, id, {
    ...cur,
    status: 'interrupted',
    endedAt: nowIso,
    durationMs: duration(cur, nowIso),
    reason,
  });
}

/** Every running step becomes interrupted: on open, nothing can be running yet. */
export function interruptAllRunning(
  state: ReleaseState,
  nowIso: string,
  reason: string,
): { state: ReleaseState; ids: string[] } {
  const ids = Object.entries(state.steps)
    .filter(([, s]) => s.status === 'running')
    .map(([id]) => id);
  let s = state;
  for (const id of ids) s = interruptStep(s, id, nowIso, reason);
  return { state: s, ids };
}

/** The machine slept sleptMs under a running step (the sleep watch): kept apart from its duration. */
export function noteStepSleep(state: ReleaseState, id: string, sleptMs: number): ReleaseState {
  const cur = state.steps[id];
  if (cur?.status !== 'running' || !(sleptMs > 0)) return state;
  return put(state, id, { ...cur, sleptMs: (cur.sleptMs ?? 0) + sleptMs });
}

/**
 * A session opens: what the previous one left running was cut off (unless a dry run looks at a
 * live session: then it is running), and notices found on the way are queued for display. It is
 * counted apart (countSession): a run refused before it acted is no session.
 */
export function openSession(
  state: ReleaseState,
  o: { nowIso: string; live?: { pid: number; host: string; startedAt: string }; notices: string[] },
): ReleaseState {
  const { state: next, ids } = o.live
    ? { state, ids: [] }
    : interruptAllRunning(state, o.nowIso, 'the previous session ended while it ran');
  const live = o.live
    ? [
        `A run is live (pid ${o.live.pid} on ${o.live.host}, started ${o.live.startedAt}): this dry run shows the state it last saved.`,
      ]
    : [];
  const found = ids.map((id) => `${id} was interrupted (the previous session ended while it ran).`);
  return { ...next, notices: [...next.notices, ...live, ...o.notices, ...found] };
}

/** The session acts on the release: it counts, and the release changed now. */
export function countSession(state: ReleaseState, nowIso: string): ReleaseState {
  return { ...state, sessions: state.sessions + 1, updatedAt: nowIso };
}

/** running -> pending without a verdict (StepPaused). */
export function unstartStep(state: ReleaseState, id: string): ReleaseState {
  const cur = get(state, id);
  if (cur.status !== 'running') throw refuse('pause', id, cur.status);
  return put(state, id, { status: 'pending', attempts: cur.attempts });
}

export function retryStep(state: ReleaseState, id: string): ReleaseState {
  const cur = get(state, id);
  if (!canRetry(cur.status)) throw refuse('retry', id, cur.status);
  return put(state, id, { status: 'pending', attempts: cur.attempts });
}

export function skipStep(state: ReleaseState, plan: Phases, id: string, reason: string, nowIso: string): ReleaseState {
  const cur = get(state, id);
  if (!canSkip(cur.status)) throw refuse('skip', id, cur.status);
  if (reason.trim() === '')
    throw new UserError(`skipping ${id} needs a reason.`, { hint: 'Say why, e.g. "done by hand".' });
  const next: StepState = { status: 'skipped', attempts: cur.attempts, reason: reason.trim(), endedAt: nowIso };
  return touchPhases(put(state, id, next), plan, id, nowIso);
}

/** A manual step confirmed by the maintainer (or by --yes). */
export function confirmStep(
  state: ReleaseState,
  plan: Phases,
  id: string,
  note: string | undefined,
  nowIso: string,
): ReleaseState {
  const cur = get(state, id);
  if (cur.status === 'passed' || cur.status === 'skipped') throw refuse('confirm', id, cur.status);
  const next: StepState = {
    status: 'passed',
    attempts: cur.attempts + (cur.status === 'running' ? 0 : 1),
    startedAt: cur.startedAt ?? nowIso,
    endedAt: nowIso,
  };
  if (cur.status === 'running' && cur.sleptMs) next.sleptMs = cur.sleptMs;
  next.durationMs = duration(next, nowIso);
  if (note !== undefined && note.trim() !== '') next.note = note.trim();
  return touchPhases(put(state, id, next), plan, id, nowIso);
}

function touchPhases(state: ReleaseState, plan: Phases, stepId: string, nowIso: string): ReleaseState {
  const phase = plan.phases.find((p) => p.steps.some((s) => s.id === stepId));
  if (!phase) return state;
  const prev = state.phases[phase.id] ?? {};
  const p = { ...prev };
  if (!p.startedAt) p.startedAt = nowIso;
  const done = phase.steps.every((s) => isFinished(state.steps[s.id]?.status));
  if (done && !p.completedAt) p.completedAt = nowIso;
  if (!done) delete p.completedAt;
  if (p.startedAt === prev.startedAt && p.completedAt === prev.completedAt) return state;
  return { ...state, phases: { ...state.phases, [phase.id]: p } };
}

function get(state: ReleaseState, id: string): StepState {
  return state.steps[id] ?? { status: 'pending', attempts: 0 };
}

function put(state: ReleaseState, id: string, step: StepState): ReleaseState {
  return { ...state, steps: { ...state.steps, [id]: step } };
}

/** The time a step ran awake: the machine's sleep under it (sleptMs) is not part of it. */
function duration(s: Pick<StepState, 'startedAt' | 'sleptMs'>, endIso: string): number | undefined {
  if (!s.startedAt) return undefined;
  return Math.max(0, Date.parse(endIso) - Date.parse(s.startedAt) - (s.sleptMs ?? 0));
}

function refuse(verb: string, id: string, status: StepStatus): UserError {
  return new UserError(`cannot ${verb} step ${id}: it is ${status}.`);
}
