import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../src/engine/engine.js';
import { MANUAL_NEEDS_YES } from '../../src/engine/steps/manual.js';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import { confirmLines } from '../../src/ui/modals/confirm-lines.js';
import { makeGitRepo, type TempRepo } from '../helpers/git-repo.js';
import { makePlan } from '../helpers/make-plan.js';

const repos: TempRepo[] = [];
const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const r of repos.splice(0)) r.cleanup();
});

async function open(
  opts: { yes?: boolean; interactive?: boolean; dryRun?: boolean; show?: string[]; irreversible?: boolean } = {},
) {
  const { show, irreversible, ...engineOpts } = opts;
  const repo = makeGitRepo({ files: { 'a.txt': 'a' }, commit: true });
  repos.push(repo);
  const plan = makePlan({
    repo: repo.dir,
    phases: [
      {
        id: 'checks',
        steps: [
          {
            id: 'eyeball',
            kind: 'manual',
            title: 'Read the diff',
            details: 'git log v0.14.0..',
            ...(show ? { show } : {}),
            ...(irreversible ? { irreversible } : {}),
          },
          { id: 'after', kind: 'run', run: ['node', '-e', '0'] },
        ],
      },
    ],
  });
  const e = await openEngine({ repo: repo.dir, plan, env: { PATH: process.env.PATH }, ...engineOpts });
  engines.push(e);
  return e;
}

describe('manual step', () => {
  it('headless without --yes fails with how to confirm it', async () => {
    const e = await open();
    expect(await e.runToEnd()).toBe('failed');
    expect(e.store.getState().steps.eyeball).toMatchObject({ status: 'failed', reason: MANUAL_NEEDS_YES });
    expect(MANUAL_NEEDS_YES).toBe('manual step needs confirmation: rerun with --yes or confirm it in the cockpit');
  });

  it('headless with --yes passes with a note', async () => {
    const e = await open({ yes: true });
    expect(await e.runToEnd()).toBe('done');
    expect(e.store.getState().steps.eyeball).toMatchObject({ status: 'passed', note: 'confirmed with --yes' });
  });

  it('in the cockpit it waits for confirmManual, which resumes the run', async () => {
    const e = await open({ interactive: true });
    const lines: string[] = [];
    e.onOutput((_id, l) => lines.push(l.text));
    expect(await e.runToEnd()).toBe('waiting');
    expect(e.store.getState().steps.eyeball?.status).toBe('pending');
    expect(e.currentStepId()).toBe('eyeball');
    expect(lines).toContain('git log v0.14.0..');
    e.confirmManual('eyeball', 'looked at 42 commits');
    expect(e.store.getState().steps.eyeball).toMatchObject({ status: 'passed', note: 'looked at 42 commits' });
    // confirmManual restarted the runner: wait for it.
    expect(await e.runToEnd()).toBe('done');
    expect(e.store.getState().steps.after?.status).toBe('passed');
  });

  it('dry run: says it would ask, saves nothing', async () => {
    const e = await open({ dryRun: true });
    const lines: string[] = [];
    e.onOutput((_id, l) => lines.push(l.text));
    expect(await e.runToEnd()).toBe('done');
    expect(lines).toContain('would ask the maintainer to confirm: Read the diff');
  });

  it('runs its show command when reached: its output is the step output, beside the question', async () => {
    const e = await open({ interactive: true, show: ['git', 'log', '--format=%s'] });
    const lines: string[] = [];
    e.onOutput((id, l) => id === 'eyeball' && lines.push(l.text));
    expect(await e.runToEnd()).toBe('waiting');
    expect(lines).toEqual(['git log v0.14.0..', '$ git log --format=%s', 'initial']);
  });

  it('a failing show command is said in the output and does not fail the item', async () => {
    const e = await open({ yes: true, show: ['git', 'log', 'no-such-rev..HEAD'] });
    const lines: string[] = [];
    e.onOutput((id, l) => id === 'eyeball' && lines.push(l.text));
    expect(await e.runToEnd()).toBe('done');
    expect(lines.some((l) => l.startsWith('(the show command did not succeed: '))).toBe(true);
    expect(e.store.getState().steps.eyeball?.status).toBe('passed');
  });

  it('dry run: the show command does not run', async () => {
    const e = await open({ dryRun: true, show: ['git', 'log', '--format=%s'] });
    const lines: string[] = [];
    e.onOutput((_id, l) => lines.push(l.text));
    expect(await e.runToEnd()).toBe('done');
    expect(lines).not.toContain('initial');
  });

  it('marked irreversible, it is asked once: one question says what to do and that it cannot be undone', async () => {
    const e = await open({ interactive: true, irreversible: true, show: ['git', 'log', '--format=%s'] });
    const asked: ConfirmRequest[] = [];
    e.setConfirmHandler(async (req) => (asked.push(req), true));
    const lines: string[] = [];
    e.onOutput((id, l) => id === 'eyeball' && lines.push(l.text));
    expect(await e.runToEnd()).toBe('done');
    expect(asked).toEqual([
      {
        title: 'Read the diff',
        commands: [],
        manual: { steps: ['git log v0.14.0..'], yes: 'I did it: mark the step done' },
      },
    ]);
    expect(confirmLines(asked[0]!).map((l) => l.text)).toEqual([
      'Nothing runs from here. Do it yourself:',
      '  1. git log v0.14.0..',
      'This cannot be undone.',
    ]);
    // The show output is beside the question, once.
    expect(lines).toEqual(['$ git log --format=%s', 'initial', 'confirmed in the cockpit: Read the diff']);
    expect(e.store.getState().steps.eyeball).toMatchObject({ status: 'passed', note: 'confirmed in the cockpit' });
    expect(e.store.getState().steps.after?.status).toBe('passed');
    expect(e.neededConfirmations()).toEqual([]);
  });

  it('marked irreversible: a no pauses it with nothing marked; headless lists it once', async () => {
    const e = await open({ interactive: true, irreversible: true });
    e.setConfirmHandler(async () => false);
    expect(await e.runToEnd()).toBe('paused');
    expect(e.store.getState().steps.eyeball?.status ?? 'pending').toBe('pending');
    expect(e.neededConfirmations().map((c) => c.what)).toEqual([
      'confirm the manual step (it cannot be undone): Read the diff',
    ]);
  });
});
