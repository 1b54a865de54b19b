// The plan's lookups: every layer finds steps through these instead of walking the phases itself.
import { describe, expect, it } from 'vitest';
import { allSteps, configsOfKind, findStep, stepsOfKind } from '../../src/core/plan-lookup.js';
import { makePlan } from '../helpers/make-plan.js';

const plan = makePlan({
  phases: [
    { id: 'checks', steps: [{ id: 'test', kind: 'run', run: ['cargo', 'test'] }] },
    {
      id: 'git',
      steps: [
        { id: 'tag', kind: 'git-tag', remote: 'upstream' },
        { id: 'push', kind: 'git-push' },
        { id: 'push-branch', kind: 'git-push', branch: 'release' },
      ],
    },
  ],
});

describe('plan lookups', () => {
  it('list the steps in run order across phases', () => {
    expect(allSteps(plan).map((s) => s.id)).toEqual(['test', 'tag', 'push', 'push-branch']);
  });

  it('find a step by id, and nothing for an unknown or missing id', () => {
    expect(findStep(plan, 'push')?.kind).toBe('git-push');
    expect(findStep(plan, 'nope')).toBeUndefined();
    expect(findStep(plan, undefined)).toBeUndefined();
  });

  it("give the steps of one kind, and their configs typed as that kind's", () => {
    expect(stepsOfKind(plan, 'git-push').map((s) => s.id)).toEqual(['push', 'push-branch']);
    const pushes = configsOfKind(plan, 'git-push');
    expect(pushes.map((c) => [c.remote, c.branch])).toEqual([
      ['origin', undefined],
      ['origin', 'release'],
    ]);
    expect(configsOfKind(plan, 'git-tag')[0]?.remote).toBe('upstream');
    expect(configsOfKind(plan, 'publish-python')).toEqual([]);
  });
});
