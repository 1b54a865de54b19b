import { describe, expect, it } from 'vitest';
import {
  crateCounts,
  currentStepId,
  isFinished,
  overallStatus,
  phaseProgress,
  stepElapsedMs,
} from '../../src/store/selectors.js';
import { formatDuration } from '../../src/core/durations.js';
import { initialState } from '../../src/store/release-store.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const plan = makePlan({
  crates: [{ name: 'a' }, { name: 'b' }],
  phases: [
    { id: 'p1', steps: runSteps(['x', 'y']) },
    { id: 'p2', steps: runSteps(['z']) },
  ],
});

describe('selectors', () => {
  it('finds the current step and the progress of phases', () => {
    const s = initialState(plan, 't');
    expect(currentStepId(s, plan)).toBe('x');
    expect(overallStatus(s, plan)).toBe('not-started');
    s.steps.x = { status: 'passed', attempts: 1 };
    s.steps.z = { status: 'running', attempts: 1 };
    expect(currentStepId(s, plan)).toBe('z');
    expect(phaseProgress(s, plan, 'p1')).toEqual({ done: 1, total: 2 });
    expect(overallStatus(s, plan)).toBe('in-progress');
    s.steps.z = { status: 'interrupted', attempts: 1 };
    expect(overallStatus(s, plan)).toBe('failed');
    s.steps.y = { status: 'skipped', attempts: 0, reason: 'r' };
    s.steps.z = { status: 'passed', attempts: 2 };
    expect(overallStatus(s, plan)).toBe('done');
    expect(isFinished('skipped')).toBe(true);
    expect(isFinished('failed')).toBe(false);
  });

  it('counts crates by status', () => {
    const s = initialState(plan, 't');
    s.crates.a = { status: 'published', version: '1.0.0', attempts: 1 };
    expect(crateCounts(s)).toEqual({ total: 2, published: 1, pending: 1 });
  });

  it('formats durations and elapsed time', () => {
    expect(formatDuration(3200)).toBe('3.2 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(stepElapsedMs({ status: 'running', attempts: 1, startedAt: new Date(1000).toISOString() }, 4000)).toBe(3000);
    expect(stepElapsedMs({ status: 'passed', attempts: 1, durationMs: 12 }, 4000)).toBe(12);
  });
});
