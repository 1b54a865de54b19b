// The github-pr step with a real repository, a bare origin and the gh stand-in (which records
// argv and keeps pull requests like GitHub, failing with gh's own messages).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { UserError } from '../../src/core/user-error.js';
import { githubPrStep } from '../../src/engine/steps/github-pr.js';
import { openEngine } from '../../src/engine/engine.js';
import { standInEnv } from '../../src/sandbox/stand-ins/stand-ins.js';
import { createGitFixture } from '../helpers/git-fixture.js';
import { makePlan } from '../helpers/make-plan.js';
import { makeStepContext } from '../helpers/step-context.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-pr-');

function setup(step: Record<string, unknown> = {}) {
  const fx = createGitFixture(tempDir);
  fx.git(['checkout', '-q', '-b', 'release']);
  fx.commit('Release work');
  const logDir = tempDir();
  const log = join(logDir, 'calls.jsonl');
  const env = { ...standInEnv({ log, base: fx.env }), STANDIN_GH_REQUIRE_TOKEN: '1', GH_TOKEN: 'token' };
  const plan = makePlan({
    repo: fx.dir,
    project: 'Micromegas',
    version: '0.29.0',
    phases: [{ id: 'git', steps: [{ id: 'pr', kind: 'github-pr', branch: 'release', repo: 'o/r', ...step }] }],
  });
  const harness = () => makeStepContext(plan, 'pr', { repo: fx.dir, stateDir: join(logDir, 'state'), env });
  const calls = () =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv.slice(0, 2).join(' '));
  const gh = (args: string[]) => execFileSync('gh', args, { cwd: fx.dir, env, encoding: 'utf8' }).trim();
  return { fx, plan, harness, calls, gh };
}

const CREATE = [
  'gh',
  'pr',
  'create',
  '--base',
  'main',
  '--head',
  'release',
  '--title',
  'Merge v0.29.0 back into main',
  '--body',
  'The release branch of Micromegas v0.29.0, merged back into main (opened by release-cockpit).',
  '--repo',
  'o/r',
];

describe('github-pr step', () => {
  it('opens the pull request with gh pr create --base --head --title --body, journaled; a rerun finds it and opens nothing', async () => {
    const { fx, plan, harness, calls } = setup();
    fx.git(['push', '-q', 'origin', 'release']);
    expect(githubPrStep.commands?.(plan.phases[0]!.steps[0]!, plan)).toEqual([CREATE]);
    const h = harness();
    expect(await githubPrStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: '#1 open: https://github.com/o/r/pull/1',
    });
    expect(h.journal.entries().map((e) => `${e.type} ${e.action} ${e.target}`)).toEqual([
      'intent github-pr main...release',
      'child github-pr main...release',
      'done github-pr main...release',
    ]);
    const argv = readFileSync(join(h.ctx.env.STANDIN_LOG!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv);
    expect(argv.find((a) => a[1] === 'create')).toEqual(CREATE.slice(1));

    const again = harness();
    expect(await githubPrStep.run(again.ctx)).toEqual({
      status: 'passed',
      summary: '#1 open: https://github.com/o/r/pull/1',
    });
    expect(again.logs()).toEqual(['pull request #1 of release is already open: https://github.com/o/r/pull/1']);
    expect(again.journal.entries()).toEqual([]);
    expect(calls().filter((c) => c === 'pr create')).toHaveLength(1);
  });

  it("a pull request that cannot be created fails with gh's reason, and nothing else changed", async () => {
    const { harness, gh } = setup();
    const h = harness();
    const out = await githubPrStep.run(h.ctx);
    expect(out).toEqual({
      status: 'failed',
      reason:
        "`gh pr create --base main --head release --title Merge v0.29.0 back into main --body The release branch of Micromegas v0.29.0, merged back into main (opened by release-cockpit). --repo o/r` failed: pull request create failed: GraphQL: Head sha can't be blank, No commits between main and release, Head ref must be a branch (createPullRequest).",
    });
    expect(h.journal.entries().map((e) => e.type)).toEqual(['intent', 'child', 'failed']);
    expect(() => gh(['pr', 'view', 'release', '--repo', 'o/r'])).toThrow(/no pull requests found for branch "release"/);
  });

  it('waits for the merge when asked, and fails when the pull request is closed unmerged', async () => {
    const { fx, harness, gh } = setup({ waitForMerge: true, pollSeconds: 5 });
    fx.git(['push', '-q', 'origin', 'release']);
    const h = harness();
    let polls = 0;
    h.ctx.sleep = async () => {
      if (++polls === 2) gh(['pr', 'merge', '1', '--repo', 'o/r']);
    };
    expect(await githubPrStep.run(h.ctx)).toEqual({
      status: 'passed',
      summary: '#1 merged: https://github.com/o/r/pull/1',
    });
    expect(polls).toBe(2);
    expect(h.logs()).toContain('waiting for https://github.com/o/r/pull/1 to be merged (asking GitHub every 5 s)');
    // Merged: a rerun finds it merged and passes at once.
    expect(await githubPrStep.run(harness().ctx)).toEqual({
      status: 'passed',
      summary: '#1 merged: https://github.com/o/r/pull/1',
    });

    // Next cycle: the branch is re-cut and pushed; last cycle's merged #1 is history, #2 is opened.
    fx.commit('next release work');
    fx.git(['push', '-q', 'origin', 'release']);
    const h2 = harness();
    h2.ctx.sleep = async () => void gh(['pr', 'merge', '2', '--repo', 'o/r']);
    expect(await githubPrStep.run(h2.ctx)).toEqual({
      status: 'passed',
      summary: '#2 merged: https://github.com/o/r/pull/2',
    });
    expect(h2.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent main...release',
      'child main...release',
      'done main...release',
    ]);
  });

  it('a closed, unmerged pull request is history: a new one is opened, and closing that one fails the wait', async () => {
    const { fx, harness, gh } = setup({ waitForMerge: true });
    fx.git(['push', '-q', 'origin', 'release']);
    gh(['pr', 'create', '--base', 'main', '--head', 'release', '--title', 'old', '--body', 'old', '--repo', 'o/r']);
    gh(['pr', 'close', '1', '--repo', 'o/r']);
    const h = harness();
    h.ctx.sleep = async () => void gh(['pr', 'close', '2', '--repo', 'o/r']);
    expect(await githubPrStep.run(h.ctx)).toEqual({
      status: 'failed',
      reason: 'pull request #2 (https://github.com/o/r/pull/2) was closed without being merged',
    });
    expect(h.journal.entries().map((e) => `${e.type} ${e.target}`)).toEqual([
      'intent main...release',
      'child main...release',
      'done main...release',
    ]);
  });

  it('reconciles an interrupted creation with gh pr view; a dry run opens nothing', async () => {
    const { fx, harness, gh } = setup();
    fx.git(['push', '-q', 'origin', 'release']);
    const h = harness();
    const intent = h.journal.append({ type: 'intent', action: 'github-pr', target: 'main...release', step: 'pr' });
    expect(await githubPrStep.reconcile?.(h.ctx, intent)).toBe('not-done');
    // A dry run is the runner's: it prints the command and opens nothing.
    const dry = await openEngine({ repo: fx.dir, plan: h.ctx.plan, env: h.ctx.env, dryRun: true });
    const out: string[] = [];
    dry.onOutput((_id, l) => out.push(l.text));
    expect(await dry.runToEnd()).toBe('done');
    await dry.close();
    expect(dry.store.getState().steps.pr).toMatchObject({ status: 'skipped', reason: 'dry run: not run' });
    expect(out).toEqual([`would run: ${CREATE.join(' ')}`]);
    gh(['pr', 'create', '--base', 'main', '--head', 'release', '--title', 't', '--body', 'b', '--repo', 'o/r']);
    expect(await githubPrStep.reconcile?.(h.ctx, intent)).toBe('done');
    expect(await githubPrStep.reconcile?.({ ...h.ctx, env: { ...h.ctx.env, GH_TOKEN: undefined } }, intent)).toBe(
      'unknown',
    );
    expect(githubPrStep.ownJournal?.(h.ctx.step)).toBe(true);
    expect(h.ctx.step.irreversible).toBe(true);
  });

  it('a github-pr without a branch is a config error at the step', () => {
    const text = JSON.stringify(
      {
        project: 'x',
        version: '1.0.0',
        phases: [{ id: 'a', title: 'A', steps: [{ id: 'pr', kind: 'github-pr', base: 'main' }] }],
      },
      null,
      2,
    );
    let err: unknown;
    try {
      parseConfigText(text, '.releaserc.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).format()).toMatch(/^\.releaserc\.json:\d+(:\d+)?: phases\[0\]\.steps\[0\]\.branch/);
  });
});
