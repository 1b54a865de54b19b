import { describe, expect, it } from 'vitest';
import {
  canRetry,
  canSkip,
  confirmStep,
  finishStep,
  interruptAllRunning,
  retryStep,
  skipStep,
  startStep,
  unstartStep,
} from '../../src/engine/step-state.js';
import { initialState } from '../../src/store/release-store.js';
import { UserError } from '../../src/core/user-error.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const plan = makePlan({
  phases: [
    { id: 'p1', steps: runSteps(['a', 'b']) },
    { id: 'p2', steps: runSteps(['c']) },
  ],
});
const T0 = '2025-01-01T10:00:00.000Z';
const T1 = '2025-01-01T10:00:03.200Z';
const T2 = '2025-01-01T10:00:05.000Z';

describe('step state machine', () => {
  it('pending -> running -> passed, with attempts, duration, summary and phase times', () => {
    let s = initialState(plan, T0);
    s = startStep(s, plan, 'a', T0);
    expect(s.steps.a).toEqual({ status: 'running', attempts: 1, startedAt: T0 });
    expect(s.phases.p1).toEqual({ startedAt: T0 });
    s = finishStep(s, plan, 'a', { status: 'passed', summary: '137 tests passed' }, T1);
    expect(s.steps.a).toMatchObject({ status: 'passed', durationMs: 3200, summary: '137 tests passed', endedAt: T1 });
    expect(s.phases.p1?.completedAt).toBeUndefined();
    s = finishStep(startStep(s, plan, 'b', T1), plan, 'b', { status: 'passed', note: 'ok' }, T2);
    expect(s.steps.b?.note).toBe('ok');
    expect(s.phases.p1).toEqual({ startedAt: T0, completedAt: T2 });
    expect(s.phases.p2).toEqual({});
  });

  it('failed keeps reason and exit code; retry goes back to pending keeping attempts', () => {
    let s = startStep(initialState(plan, T0), plan, 'a', T0);
    s = finishStep(s, plan, 'a', { status: 'failed', reason: 'cargo exited with code 101', exitCode: 101 }, T1);
    expect(s.steps.a).toMatchObject({ status: 'failed', reason: 'cargo exited with code 101', exitCode: 101 });
    s = retryStep(s, 'a');
    expect(s.steps.a).toEqual({ status: 'pending', attempts: 1 });
    s = startStep(s, plan, 'a', T1);
    expect(s.steps.a?.attempts).toBe(2);
  });

  it('interrupts every running step on open', () => {
    let s = startStep(initialState(plan, T0), plan, 'a', T0);
    const r = interruptAllRunning(s, T1, 'killed');
    expect(r.ids).toEqual(['a']);
    expect(r.state.steps.a).toMatchObject({ status: 'interrupted', reason: 'killed', durationMs: 3200 });
    s = retryStep(r.state, 'a');
    expect(s.steps.a?.status).toBe('pending');
  });

  it('skip needs a reason and is refused for passed and running steps', () => {
    let s = initialState(plan, T0);
    expect(() => skipStep(s, plan, 'a', '  ', T0)).toThrow(/needs a reason/);
    s = skipStep(s, plan, 'a', 'done by hand', T0);
    expect(s.steps.a).toMatchObject({ status: 'skipped', reason: 'done by hand' });
    expect(s.phases.p1?.startedAt).toBe(T0);
    s = startStep(s, plan, 'b', T0);
    expect(() => skipStep(s, plan, 'b', 'x', T0)).toThrow(UserError);
    s = finishStep(s, plan, 'b', { status: 'passed' }, T1);
    expect(() => skipStep(s, plan, 'b', 'x', T1)).toThrow(/cannot skip step b: it is passed/);
    expect(s.phases.p1?.completedAt).toBe(T1);
  });

  it('refuses transitions that make no sense', () => {
    const s = initialState(plan, T0);
    expect(() => retryStep(s, 'a')).toThrow(/cannot retry step a: it is pending/);
    expect(() => finishStep(s, plan, 'a', { status: 'passed' }, T0)).toThrow(UserError);
    const running = startStep(s, plan, 'a', T0);
    expect(() => startStep(running, plan, 'a', T0)).toThrow(UserError);
    expect(() => retryStep(running, 'a')).toThrow(UserError);
    expect(canRetry('failed') && canRetry('interrupted') && !canRetry('passed')).toBe(true);
    expect(canSkip('failed') && canSkip('pending') && !canSkip('running') && !canSkip('passed')).toBe(true);
  });

  it('unstart puts a running step back to pending; confirm passes a manual step with a note', () => {
    let s = startStep(initialState(plan, T0), plan, 'a', T0);
    s = unstartStep(s, 'a');
    expect(s.steps.a).toEqual({ status: 'pending', attempts: 1 });
    s = confirmStep(s, plan, 'a', 'read it', T1);
    expect(s.steps.a).toMatchObject({ status: 'passed', note: 'read it', attempts: 2 });
    expect(() => confirmStep(s, plan, 'a', undefined, T1)).toThrow(UserError);
  });

  it('does not mutate its input', () => {
    const s = initialState(plan, T0);
    const copy = JSON.parse(JSON.stringify(s));
    startStep(s, plan, 'a', T0);
    skipStep(s, plan, 'b', 'r', T0);
    expect(s).toEqual(copy);
  });
});
